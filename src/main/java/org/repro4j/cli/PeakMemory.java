package org.repro4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The peak resident memory of this JVM so far (Linux's VmHWM: the Java heap, ND4J's native arrays
 * and everything else), which is what decides whether a run fits a machine; the JVM's own memory
 * beans see only the heap.
 */
final class PeakMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private PeakMemory() {
    }

    /** "peak resident memory 1.23 GB", or null where the system does not say (not Linux). */
    static String describe() {
        Long kib = peakKib(STATUS);
        return kib == null ? null : String.format(Locale.ROOT, "peak resident memory of this JVM %.2f GB", kib * 1024 / 1e9);
    }

    /** The VmHWM line of a /proc status file, in KiB, or null. */
    static Long peakKib(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return null;
    }
}
