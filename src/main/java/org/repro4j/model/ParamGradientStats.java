package org.repro4j.model;

/**
 * How an analytic gradient agrees with a numerical one over the entries of one parameter array
 * (a DL4J parameter key such as "0_W" or "0_b").
 *
 * <p>The "abs diff" statistics are over |analytic - numerical| per entry; standard deviations
 * are population ones (divide by count). Relative error per entry is
 * |a - n| / max(1e-12, |a| + |n|). The grad* fields describe the numerical gradient itself, so a
 * small difference can be judged against the size of the gradient.
 *
 * @param key          DL4J parameter key, layer index + "_" + parameter name
 * @param count        number of entries compared
 * @param meanAbsDiff  mean of |a - n|
 * @param stdAbsDiff   population standard deviation of |a - n|
 * @param maxAbsDiff   largest |a - n|
 * @param maxRelError  largest relative error
 * @param gradMin      smallest numerical gradient entry
 * @param gradMax      largest numerical gradient entry
 * @param gradStd      population standard deviation of the numerical gradient entries
 */
public record ParamGradientStats(String key, long count, double meanAbsDiff, double stdAbsDiff, double maxAbsDiff,
        double maxRelError, double gradMin, double gradMax, double gradStd) {

    /** Floor of the relative-error denominator, so two zero gradients count as agreeing. */
    public static final double REL_ERROR_FLOOR = 1e-12;

    /** Statistics of two equally long gradients of the same parameter array, entry by entry. */
    public static ParamGradientStats of(String key, double[] analytic, double[] numerical) {
        if (analytic.length != numerical.length || analytic.length == 0) {
            throw new IllegalArgumentException("gradients of " + key + " differ in length or are empty: "
                    + analytic.length + " vs " + numerical.length);
        }
        int n = analytic.length;
        double[] absDiff = new double[n];
        double maxAbsDiff = 0;
        double maxRel = 0;
        for (int i = 0; i < n; i++) {
            absDiff[i] = Math.abs(analytic[i] - numerical[i]);
            maxAbsDiff = Math.max(maxAbsDiff, absDiff[i]);
            double scale = Math.max(REL_ERROR_FLOOR, Math.abs(analytic[i]) + Math.abs(numerical[i]));
            maxRel = Math.max(maxRel, absDiff[i] / scale);
        }
        double gradMin = Double.POSITIVE_INFINITY;
        double gradMax = Double.NEGATIVE_INFINITY;
        for (double g : numerical) {
            gradMin = Math.min(gradMin, g);
            gradMax = Math.max(gradMax, g);
        }
        return new ParamGradientStats(key, n, mean(absDiff), populationStd(absDiff), maxAbsDiff, maxRel,
                gradMin, gradMax, populationStd(numerical));
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double populationStd(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / values.length);
    }
}
