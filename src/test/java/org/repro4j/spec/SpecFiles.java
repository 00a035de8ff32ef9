package org.repro4j.spec;

import org.repro4j.ReproException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec files for loader tests: write one, and check that loading it fails with a message naming the file. */
final class SpecFiles {
    private SpecFiles() {
    }

    static Path write(Path dir, String fileName, String yaml) throws IOException {
        Path f = dir.resolve(fileName);
        Files.writeString(f, yaml);
        return f;
    }

    /** The message of the {@link ReproException} that loading {@code file} must throw. */
    static String loadError(Path file, Consumer<Path> load) {
        String message = assertThrows(ReproException.class, () -> load.accept(file)).getMessage();
        assertTrue(message.contains(file.toString()), "names the file: " + message);
        return message;
    }
}
