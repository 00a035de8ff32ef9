package org.repro4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Missing data fails a data test (it is not skipped), naming the folder looked in and the fix. */
class TestDataTest {
    @TempDir
    Path dir;

    @Test
    void anEmptyFolderFailsNamingTheFolderAndTheFix() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> TestData.require(dir, "CIFAR-10", TestData.cifarFiles()));
        String message = e.getMessage();
        assertTrue(message.startsWith("CIFAR-10 is not in " + dir + " "), message);
        assertTrue(message.contains("cifar-10-batches-bin/data_batch_1.bin"), message);
        assertTrue(message.contains("run 'make data' (or set DATA_DIR to the folder holding mnist/ and cifar-10-batches-bin/)"),
                message);
    }

    @Test
    void aFolderMissingOneFileNamesOnlyThatFile() throws IOException {
        List<String> files = List.of("mnist/train-images-idx3-ubyte.gz", "mnist/train-labels-idx1-ubyte.gz",
                "mnist/t10k-images-idx3-ubyte.gz", "mnist/t10k-labels-idx1-ubyte.gz");
        assertEquals(files, TestData.mnistFiles());
        Files.createDirectories(dir.resolve("mnist"));
        for (String f : files.subList(0, 3)) {
            Files.writeString(dir.resolve(f), "x");
        }
        String message = assertThrows(AssertionFailedError.class, () -> TestData.require(dir, "MNIST", files)).getMessage();
        assertTrue(message.contains("(looked for mnist/t10k-labels-idx1-ubyte.gz;"), message);
        assertFalse(message.contains("train-images"), message);

        Files.writeString(dir.resolve(files.get(3)), "x");
        assertEquals(dir, TestData.require(dir, "MNIST", files));
    }
}
