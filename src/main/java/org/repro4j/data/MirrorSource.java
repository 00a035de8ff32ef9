package org.repro4j.data;

import org.repro4j.ReproException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A local folder holding copies of the published files, e.g. a shared course folder:
 * {@code mnist/*.gz} (or the four .gz files at the top) and {@code cifar-10-binary.tar.gz}.
 * A mirror may repack the archive, so its checksum is not checked; the unpacked files still are.
 */
final class MirrorSource implements FileSource {
    private final Path mirror;

    MirrorSource(Path mirror) {
        if (!Files.isDirectory(mirror)) {
            throw new ReproException("The data mirror " + mirror.toAbsolutePath() + " is not a folder. Fix: set "
                    + DataDir.MIRROR_ENV + " to a folder holding mnist/*.gz and cifar-10-binary.tar.gz, "
                    + "or unset it to download from the official sites.");
        }
        this.mirror = mirror;
    }

    @Override
    public SourceFile open(String name) throws IOException {
        List<Path> candidates = candidates(name);
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return new SourceFile(Files.newInputStream(candidate), Files.size(candidate), candidate.toString());
            }
        }
        throw new ReproException("The data mirror has no " + name + " (looked for " + candidates + "). Fix: "
                + fixHint() + ".");
    }

    /** The mirror's own layout first, then a flat folder with every file at the top. */
    List<Path> candidates(String name) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(mirror.resolve(name));
        String fileName = Path.of(name).getFileName().toString();
        if (!fileName.equals(name)) {
            candidates.add(mirror.resolve(fileName));
        }
        return candidates;
    }

    @Override
    public boolean isOfficial() {
        return false;
    }

    @Override
    public String fixHint() {
        return "check that " + DataDir.MIRROR_ENV + " (" + mirror.toAbsolutePath()
                + ") holds the original files (mnist/*.gz, cifar-10-binary.tar.gz), or unset it to download them";
    }
}
