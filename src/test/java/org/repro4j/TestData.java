package org.repro4j;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find the real datasets: {@code DATA_DIR} (set by 'make test' after 'make data'), else ./data. */
public final class TestData {
    private TestData() {
    }

    public static Path dir() {
        String env = System.getenv("DATA_DIR");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of("data");
    }

    /** Skips the calling test when the real data is not there (run 'make data' first; 'make test' does). */
    public static Path requireCifar() {
        Path d = dir();
        Assumptions.assumeTrue(Files.isRegularFile(d.resolve("cifar-10-batches-bin/data_batch_1.bin")),
                "CIFAR-10 not in " + d + "; run make data");
        return d;
    }

    public static Path requireMnist() {
        Path d = dir();
        Assumptions.assumeTrue(Files.isRegularFile(d.resolve("mnist/train-images-idx3-ubyte.gz")),
                "MNIST not in " + d + "; run make data");
        return d;
    }
}
