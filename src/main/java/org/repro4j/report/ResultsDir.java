package org.repro4j.report;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.commons.io.FileUtils;
import org.repro4j.ReproException;

/**
 * An experiment's results folder, written under a temporary name and swapped in only when the
 * run has finished, so {@code results/<id>/} always holds one complete run.
 *
 * <pre>{@code
 * try (ResultsDir dir = ResultsDir.stage(resultsRoot, "dd2424-abadi-t1")) {
 *     summary.write(dir.path().resolve(Summary.FILE_NAME));
 *     ...
 *     dir.commit();
 * } // an exception before commit() deletes the staged folder; the old results stay
 * }</pre>
 *
 * <p>Names inside {@code resultsRoot}: {@code .tmp-<id>-<random>} while staging,
 * {@code .old-<id>-<random>} for the previous results during the swap. {@link #commit()} renames
 * the old folder aside, the staged one into place, then deletes the old one. If the process dies
 * between the two renames, the previous results survive as {@code .old-<id>-*}; the next
 * {@link #stage} of the same id moves them back (or deletes them when a newer folder is in place)
 * and deletes stale {@code .tmp-<id>-*} folders. That clean-up assumes one run per id and results
 * root at a time. A JVM shutdown hook (Ctrl-C, {@code System.exit}) deletes folders that were
 * staged but not committed.
 */
public final class ResultsDir implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final String id;
    private final Path staged;
    private boolean finished;

    private ResultsDir(Path root, String id, Path staged) {
        this.root = root;
        this.id = id;
        this.staged = staged;
    }

    /**
     * Creates {@code resultsRoot/.tmp-<id>-<random>} (and {@code resultsRoot} if needed), after
     * repairing what an earlier crashed commit of the same id may have left.
     */
    public static ResultsDir stage(Path resultsRoot, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ReproException("Experiment id '" + id + "' cannot name a results folder: use letters, "
                    + "digits, '.', '_' and '-', starting with a letter or digit.");
        }
        Path root = resultsRoot.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
            recover(root, id);
            Path staged = root.resolve(".tmp-" + id + "-" + randomToken());
            Files.createDirectory(staged);
            StagedFolders.add(staged);
            return new ResultsDir(root, id, staged);
        } catch (IOException e) {
            throw new ReproException("Cannot create a results folder for '" + id + "' in " + root + ": " + e
                    + ". Check that the folder is writable (or choose another results folder).", e);
        }
    }

    /** The staged folder to write into; after {@link #commit()} its contents live at {@link #finalPath()}. */
    public Path path() {
        return staged;
    }

    /** {@code resultsRoot/<id>}, where the results appear on commit. */
    public Path finalPath() {
        return root.resolve(id);
    }

    /** Replaces {@code resultsRoot/<id>} by the staged folder. */
    public void commit() {
        if (finished) {
            throw new IllegalStateException("results folder for '" + id + "' was already committed or closed");
        }
        Path target = finalPath();
        Path old = null;
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                old = root.resolve(".old-" + id + "-" + randomToken());
                move(target, old);
            }
            move(staged, target);
        } catch (IOException e) {
            restore(old, target);
            throw new ReproException("Cannot move the results of '" + id + "' from " + staged + " to " + target
                    + ": " + e + ". The new results are still in " + staged
                    + "; check permissions on " + root + ".", e);
        }
        finished = true;
        StagedFolders.remove(staged);
        if (old != null) {
            deleteQuietly(old);
        }
    }

    /** Deletes the staged folder unless it was committed. */
    @Override
    public void close() {
        if (!finished) {
            finished = true;
            deleteQuietly(staged);
            StagedFolders.remove(staged);
        }
    }

    /** Puts back the previous results after a failed swap, if they were moved aside. */
    private static void restore(Path old, Path target) {
        if (old != null && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            try {
                move(old, target);
            } catch (IOException ignored) {
                // They stay under .old-<id>-*, where the next stage() finds them.
            }
        }
    }

    /** Repairs what a commit interrupted between its two renames, or a killed run, left behind. */
    private static void recover(Path root, String id) throws IOException {
        Path target = root.resolve(id);
        List<Path> olds = leftovers(root, ".old-", id);
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !olds.isEmpty()) {
            Path newest = olds.stream().max(Comparator.comparing(ResultsDir::modified)).orElseThrow();
            move(newest, target);
            olds.remove(newest);
        }
        olds.forEach(ResultsDir::deleteQuietly);
        leftovers(root, ".tmp-", id).stream()
                .filter(p -> !StagedFolders.contains(p))
                .forEach(ResultsDir::deleteQuietly);
    }

    /** {@code <prefix><id>-<token>} folders; the token has no '-', so id "a" never matches ".old-a-b-x". */
    private static List<Path> leftovers(Path root, String prefix, String id) throws IOException {
        Pattern name = Pattern.compile(Pattern.quote(prefix + id + "-") + "[a-z0-9]+");
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                if (name.matcher(entry.getFileName().toString()).matches()) {
                    found.add(entry);
                }
            }
        }
        return found;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void deleteQuietly(Path folder) {
        // commons-io does not follow symbolic links out of the folder.
        FileUtils.deleteQuietly(folder.toFile());
    }

    private static String randomToken() {
        return Long.toUnsignedString(RANDOM.nextLong(), 36);
    }

    /** Folders staged in this JVM and not yet committed or closed; deleted on shutdown. */
    private static final class StagedFolders {
        private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> LIVE.forEach(ResultsDir::deleteQuietly), "repro4j-delete-staged-results"));
        }

        static void add(Path folder) {
            LIVE.add(folder);
        }

        static void remove(Path folder) {
            LIVE.remove(folder);
        }

        static boolean contains(Path folder) {
            return LIVE.contains(folder);
        }
    }
}
