package org.repro4j.report;

import java.util.List;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The spread of one measure over faithful runs that differ only in their seed: how many, their mean, their
 * standard deviation (SD, with n - 1; not the standard error), the smallest and largest, and the 95% prediction
 * interval for one more run, mean +/- t(0.975, n - 1) * SD * sqrt(1 + 1/n). A run that diverged (NaN or infinite)
 * is counted apart and left out of the rest.
 *
 * @param n         finite values
 * @param nonFinite values that were NaN or infinite (diverged runs)
 */
public record SeedSpread(int n, double mean, double sd, double min, double max, double predictionLo, double predictionHi,
                         int nonFinite) {

    /** The spread of {@code values}; with fewer than two finite values the prediction interval is the mean alone. */
    public static SeedSpread of(List<Double> values) {
        double[] finite = values.stream().filter(v -> v != null && Double.isFinite(v)).mapToDouble(Double::doubleValue).toArray();
        int nonFinite = values.size() - finite.length;
        int n = finite.length;
        if (n == 0) {
            return new SeedSpread(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, nonFinite);
        }
        double mean = 0;
        for (double v : finite) {
            mean += v;
        }
        mean /= n;
        double squares = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : finite) {
            squares += (v - mean) * (v - mean);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double sd = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
        double half = n > 1 ? tQuantile975(n - 1) * sd * Math.sqrt(1 + 1.0 / n) : 0;
        return new SeedSpread(n, mean, sd, min, max, mean - half, mean + half, nonFinite);
    }

    /** The 97.5% quantile of Student's t with {@code df} degrees of freedom (commons-math3). */
    static double tQuantile975(int df) {
        return new TDistribution(null, df).inverseCumulativeProbability(0.975);
    }

    /**
     * Where {@code x} lies among the finite values, in percent: the share below it plus half the share equal to it
     * (the mid-rank percentile, so a value equal to every run is at 50).
     */
    public static double percentile(List<Double> values, double x) {
        long below = values.stream().filter(v -> v != null && Double.isFinite(v) && v < x).count();
        long equal = values.stream().filter(v -> v != null && Double.isFinite(v) && v == x).count();
        long n = values.stream().filter(v -> v != null && Double.isFinite(v)).count();
        return n == 0 ? Double.NaN : 100.0 * (below + 0.5 * equal) / n;
    }
}
