package org.repro4j.spec;

import org.repro4j.ReproException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A spec file {@code t.yaml} in a test's temporary folder: written, then loaded or refused. */
final class SpecFiles {
    private final Path dir;

    SpecFiles(Path dir) {
        this.dir = dir;
    }

    Path write(String yaml) throws IOException {
        Path f = dir.resolve("t.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    /** The message of the error loading {@code yaml} gives; it must name the file. */
    String error(String yaml) throws IOException {
        Path f = write(yaml);
        ReproException e = assertThrows(ReproException.class, () -> SpecLoader.load(f));
        assertTrue(e.getMessage().contains(f.toString()), "names the file: " + e.getMessage());
        return e.getMessage();
    }
}
