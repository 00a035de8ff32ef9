package org.repro4j.data;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DataDirTest {

    @Test
    void prefersTheEnvironmentThenThePropertyThenDotData() {
        assertEquals(Path.of("/from/env"), DataDir.resolve("/from/env", "/from/property"));
        assertEquals(Path.of("/from/property"), DataDir.resolve(null, "/from/property"));
        assertEquals(Path.of("/from/property"), DataDir.resolve(" ", "/from/property"));
        assertEquals(Path.of("data"), DataDir.resolve(null, null));
    }
}
