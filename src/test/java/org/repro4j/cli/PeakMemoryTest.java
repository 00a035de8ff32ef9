package org.repro4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PeakMemoryTest {
    @Test
    void readsThePeakFromAProcStatusFile(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  1234567 kB\nVmRSS:\t 1000 kB\n");
        assertEquals(1_234_567L, PeakMemory.peakKib(status));
    }

    @Test
    void saysNothingWithoutOne(@TempDir Path dir) throws Exception {
        assertNull(PeakMemory.peakKib(dir.resolve("missing")));
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\n");
        assertNull(PeakMemory.peakKib(status));
    }
}
