package org.repro4j;

import org.junit.jupiter.api.Assertions;
import org.repro4j.data.DataDir;
import org.repro4j.data.DataFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where tests find the real datasets: {@code DATA_DIR} (set by 'make test' after 'make data'), else ./data,
 * the folder 'make data' ('bin/repro data') writes to under the same environment.
 *
 * <p>A test that needs the data FAILS when it is not there, naming the folder it looked in and the fix:
 * a suite without its data must not pass with its data tests skipped.
 */
public final class TestData {
    /** The fix the failure message gives; 'make data' writes to $DATA_DIR, else ./data, as {@link #dir()} reads. */
    public static final String FIX = "run 'make data' (or set DATA_DIR to the folder holding "
            + DataFiles.MNIST_DIR + "/ and " + DataFiles.CIFAR_DIR + "/)";

    private TestData() {
    }

    /** {@code $DATA_DIR}, else {@code ./data} (the project folder's data/ when Maven runs the tests), absolute. */
    public static Path dir() {
        return DataDir.resolve(null, Path.of("").toAbsolutePath()).toAbsolutePath().normalize();
    }

    /** The data folder, after failing the calling test unless it holds the five CIFAR-10 training batches and the test batch. */
    public static Path requireCifar() {
        return require(dir(), "CIFAR-10", cifarFiles());
    }

    /** The data folder, after failing the calling test unless it holds the four MNIST files. */
    public static Path requireMnist() {
        return require(dir(), "MNIST", mnistFiles());
    }

    static List<String> cifarFiles() {
        List<String> files = new ArrayList<>();
        Stream.concat(DataFiles.CIFAR_TRAIN_BATCHES.stream(), Stream.of(DataFiles.CIFAR_TEST_BATCH))
                .forEach(f -> files.add(DataFiles.CIFAR_DIR + "/" + f));
        return files;
    }

    static List<String> mnistFiles() {
        return Stream.of(DataFiles.MNIST_TRAIN_IMAGES, DataFiles.MNIST_TRAIN_LABELS, DataFiles.MNIST_TEST_IMAGES,
                DataFiles.MNIST_TEST_LABELS).map(f -> DataFiles.MNIST_DIR + "/" + f).toList();
    }

    /** {@code dir}, or a test failure naming the dataset, the folder, the files missing from it and the fix. */
    static Path require(Path dir, String dataset, List<String> files) {
        List<String> missing = files.stream().filter(f -> !Files.isRegularFile(dir.resolve(f))).toList();
        if (!missing.isEmpty()) {
            Assertions.fail(dataset + " is not in " + dir + " (looked for " + String.join(", ", missing)
                    + "; the folder is $DATA_DIR, else ./data): " + FIX + ".");
        }
        return dir;
    }
}
