package org.repro4j.train;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

import org.repro4j.ReproException;
import org.repro4j.data.DataDir;
import org.repro4j.data.DataFetcher;
import org.repro4j.data.DataFiles;
import org.repro4j.data.Protocols;
import org.repro4j.spec.Protocol;

/**
 * The data step in an executor JVM, before its first trial on a dataset: the same {@link DataFetcher} as
 * {@code make data}, into the executor's data folder, from {@code DATA_MIRROR} of the executor's environment
 * (set with {@code spark.executorEnv.DATA_MIRROR}) or else from the official sites, every file MD5-checked.
 * A shared folder that already holds the files is only checked. Executors of one machine that share the
 * folder take turns through a file lock, so no two write the same file; each JVM does this once per folder
 * and dataset.
 */
final class ExecutorData {
    /** The lock file beside the data, so executors on one machine bring each file in once. */
    static final String LOCK_FILE = ".repro-data.lock";

    private static final Set<String> READY = new HashSet<>();

    private ExecutorData() {
    }

    /** Brings the dataset of {@code protocol} into {@code dataDir}, unless this JVM already has. */
    static synchronized void prepare(Path dataDir, Protocol protocol) {
        String dataset = dataset(protocol);
        String key = dataDir.toAbsolutePath().normalize() + " " + dataset;
        if (dataset == null || READY.contains(key)) {
            return;
        }
        DataFetcher fetcher = new DataFetcher(dataDir, DataDir.mirrorOrNull(),
                line -> System.err.println("[repro4j data on this executor] " + line));
        try (FileChannel lockFile = lockFile(dataDir); FileLock lock = lockFile == null ? null : lockFile.lock()) {
            if (DataFiles.MNIST_DIR.equals(dataset)) {
                fetcher.fetchMnist();
            } else {
                fetcher.fetchCifar();
            }
        } catch (IOException e) {
            throw new ReproException("Cannot lock the data folder " + dataDir + " on this executor: " + e
                    + ". Fix: give executors a folder of their own (--conf spark.repro.dataDir=DIR).", e);
        }
        READY.add(key);
    }

    /** The open lock file, or null where the folder cannot be written (a read-only share that holds the data is only checked). */
    private static FileChannel lockFile(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            return FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException readOnly) {
            return null;
        }
    }

    /**
     * The dataset a protocol reads, named by its folder under the data folder ({@link DataFiles#MNIST_DIR} or
     * {@link DataFiles#CIFAR_DIR}), as {@link Protocols#files} lists its files; null for generated data.
     */
    static String dataset(Protocol protocol) {
        return Protocols.files(protocol).keySet().stream().map(path -> path.substring(0, path.indexOf('/')))
                .findFirst().orElse(null);
    }
}
