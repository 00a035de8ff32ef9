package org.repro4j.train;

import java.util.Arrays;

/**
 * Per-step times of one engine: median, 10th and 90th percentile in milliseconds, and the
 * throughput over all timed steps (which, unlike the median, includes GC pauses).
 */
public record Timing(double medianMs, double p10Ms, double p90Ms, double stepsPerSecond, int steps) {

    /** From individual step times in nanoseconds. */
    public static Timing of(long[] nanos, int count) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        long total = 0;
        for (long t : sorted) {
            total += t;
        }
        return new Timing(quantile(sorted, 0.5), quantile(sorted, 0.1), quantile(sorted, 0.9),
                count / (total / 1e9), count);
    }

    private static double quantile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }
}
