package org.repro4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the processor is called: provenance, the device line and the benchmark report all name it the same way. */
public final class CpuModel {
    private CpuModel() {
    }

    /** The first {@code model name} in {@code /proc/cpuinfo}, or {@code os.arch} where there is none. */
    public static String name() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: not Linux, or /proc not readable
        }
        return System.getProperty("os.arch");
    }
}
