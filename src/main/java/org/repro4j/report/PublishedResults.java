package org.repro4j.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.repro4j.CommandOutput;
import org.repro4j.ReproException;

/**
 * A set of experiment results to compare with: the {@code results/} folder of a git revision
 * (by default {@code HEAD}: what is published), or a folder on disk. Each experiment's
 * {@code summary.json} is read from there.
 */
public abstract sealed class PublishedResults {
    private static final long GIT_TIMEOUT_SECONDS = 30;

    /** What these results are, e.g. {@code HEAD (1187294a12bc)} or a folder's path. */
    public abstract String describe();

    /** The summary of experiment {@code id}, or null when there is none. */
    public abstract Summary summary(String id);

    /** The experiment ids that have a summary here, sorted. */
    public abstract List<String> ids();

    /**
     * {@code dirOrRevision} as a folder of results when one exists there, else as a git revision of the
     * checkout at {@code home} (its {@code results/} folder).
     *
     * @throws ReproException when it is neither
     */
    public static PublishedResults of(String dirOrRevision, Path home) {
        Path dir = home.resolve(dirOrRevision);
        if (Files.isDirectory(dir)) {
            return new Folder(dir.toAbsolutePath().normalize());
        }
        String commit = CommandOutput.of(home, GIT_TIMEOUT_SECONDS, "git", "rev-parse", "--verify", "--quiet",
                dirOrRevision + "^{commit}");
        if (commit == null || commit.isBlank()) {
            throw new ReproException("'" + dirOrRevision + "' is neither a folder of results nor a git revision of "
                    + home + ". Give a folder holding <id>/summary.json, or a commit, branch or tag (e.g. HEAD, HEAD~1, main).");
        }
        return new Revision(home, dirOrRevision, commit.strip());
    }

    /** The published results of the checkout at {@code home} ({@code HEAD}), or null when it is not a git checkout. */
    public static PublishedResults head(Path home) {
        try {
            return of("HEAD", home);
        } catch (ReproException e) {
            return null;
        }
    }

    /** A folder holding {@code <id>/summary.json}. */
    static final class Folder extends PublishedResults {
        private final Path root;

        Folder(Path root) {
            this.root = root;
        }

        @Override
        public String describe() {
            return root.toString();
        }

        @Override
        public Summary summary(String id) {
            Path file = root.resolve(id).resolve(Summary.FILE_NAME);
            return Files.isRegularFile(file) ? Summary.read(file) : null;
        }

        @Override
        public List<String> ids() {
            try (Stream<Path> entries = Files.list(root)) {
                return entries.filter(p -> Files.isRegularFile(p.resolve(Summary.FILE_NAME)))
                        .map(p -> p.getFileName().toString()).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the results in " + root, e);
            }
        }
    }

    /** The {@code results/} folder of one git commit. */
    static final class Revision extends PublishedResults {
        private final Path home;
        private final String name;
        private final String commit;

        Revision(Path home, String name, String commit) {
            this.home = home;
            this.name = name;
            this.commit = commit;
        }

        @Override
        public String describe() {
            return name + " (" + commit.substring(0, 12) + ")";
        }

        @Override
        public Summary summary(String id) {
            // "./" makes the path relative to home, which need not be the top of the repository.
            String path = commit + ":./results/" + id + "/" + Summary.FILE_NAME;
            String json = CommandOutput.of(home, GIT_TIMEOUT_SECONDS, "git", "show", path);
            return json == null ? null : Summary.parse(json, name + ":results/" + id + "/" + Summary.FILE_NAME);
        }

        @Override
        public List<String> ids() {
            String listing = CommandOutput.of(home, GIT_TIMEOUT_SECONDS, "git", "ls-tree", "-r", "--name-only", commit, "--", "results/");
            if (listing == null) {
                return List.of();
            }
            String suffix = "/" + Summary.FILE_NAME;
            return listing.lines().filter(l -> l.startsWith("results/") && l.endsWith(suffix))
                    .map(l -> l.substring("results/".length(), l.length() - suffix.length()))
                    .filter(id -> !id.contains("/")).sorted().toList();
        }
    }
}
