package org.repro4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The temporary files and folders of one fetch. Each is created beside its final place under a
 * hidden name, so that the final rename is atomic; whatever has not been committed is deleted on
 * {@link #close()} and, through a shutdown hook, when the JVM stops (Ctrl-C). So a failed or
 * interrupted fetch leaves nothing half-written behind.
 */
final class PendingFiles implements AutoCloseable {
    private static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> FOLDER_PERMISSIONS = PosixFilePermissions.fromString("rwxr-xr-x");
    private final Set<Path> pending = ConcurrentHashMap.newKeySet();
    private final Thread cleanupHook = new Thread(this::deleteAll, "repro-data-cleanup");

    PendingFiles() {
        Runtime.getRuntime().addShutdownHook(cleanupHook);
    }

    /** A new empty file in {@code dir}, named after {@code finalName}. */
    Path newFile(Path dir, String finalName) throws IOException {
        Files.createDirectories(dir);
        return track(Files.createTempFile(dir, "." + finalName + ".", ".part"));
    }

    /** A new empty folder in {@code dir}, named after {@code finalName}. */
    Path newFolder(Path dir, String finalName) throws IOException {
        Files.createDirectories(dir);
        return track(Files.createTempDirectory(dir, "." + finalName + ".part"));
    }

    /**
     * Moves an existing file or folder out of the way, to be deleted with the other pending paths.
     * A folder cannot be atomically replaced by another one, so the old one is first renamed aside.
     */
    void moveAside(Path existing) throws IOException {
        Path aside = existing.resolveSibling("." + existing.getFileName() + ".old-" + System.nanoTime());
        track(aside);
        Files.move(existing, aside, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Renames a verified pending path to its final name in one step; it is then no longer pending. */
    void commit(Path pendingPath, Path target) throws IOException {
        makeReadable(pendingPath);
        Files.move(pendingPath, target, StandardCopyOption.ATOMIC_MOVE);
        pending.remove(pendingPath);
    }

    /** Temporary files are created private (rw-------); data files are for everyone to read, like a download. */
    private static void makeReadable(Path path) throws IOException {
        if (!Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path p : (Iterable<Path>) tree::iterator) {
                Files.setPosixFilePermissions(p, Files.isDirectory(p) ? FOLDER_PERMISSIONS : FILE_PERMISSIONS);
            }
        }
    }

    /** Deletes a pending path now, e.g. an intermediate file that is no longer needed. */
    void discard(Path pendingPath) {
        deleteRecursively(pendingPath);
        pending.remove(pendingPath);
    }

    @Override
    public void close() {
        deleteAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run; it does the same cleanup.
        }
    }

    private Path track(Path path) {
        pending.add(path);
        return path;
    }

    void deleteAll() {
        for (Path path : pending) {
            deleteRecursively(path);
            pending.remove(path);
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // Best effort: this runs on failure paths and in the shutdown hook, where nothing better can be done.
        }
    }
}
