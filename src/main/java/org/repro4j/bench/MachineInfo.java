package org.repro4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How busy the (shared) machine is, as {@code /proc} says. */
final class MachineInfo {
    private MachineInfo() {
    }

    /** The 1, 5 and 15 minute load averages, e.g. {@code 1.71 1.34 1.65}. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
