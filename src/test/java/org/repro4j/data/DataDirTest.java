package org.repro4j.data;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataDirTest {

    @Test
    void prefersTheOptionThenTheEnvironmentThenTheProjectsDataFolder() {
        Path home = Path.of("/project");
        assertEquals(Path.of("/from/option"), DataDir.resolve(Path.of("/from/option"), "/from/env", home));
        assertEquals(Path.of("/from/env"), DataDir.resolve(null, "/from/env", home));
        assertEquals(Path.of("/project/data"), DataDir.resolve(null, " ", home));
        assertEquals(Path.of("/project/data"), DataDir.resolve(null, null, home));
    }

    @Test
    void aMissingFileIsAnsweredWithTheFolderItWasLookedForIn() {
        String hint = DataFetcher.missingHint(Path.of("/somewhere/data/mnist/train-images-idx3-ubyte.gz"));
        assertTrue(hint.contains("make data DATA_DIR=/somewhere/data"), hint);
    }
}
