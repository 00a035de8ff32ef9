package org.repro4j.report;

import java.util.Locale;
import java.util.Set;

/**
 * What a measure is, as far as comparing a rerun with the published value goes: its kind decides
 * how a difference is measured (percentage points, a fraction of the value, units) and how much
 * difference float rounding explains by default. Same code, CPU features, BLAS kernel and JVM give
 * identical values; the defaults cover a change of BLAS kernel (how they were chosen: the
 * "Verifying a run" section of the README). A spec widens them for named measures with a reason
 * ({@code tolerances:}).
 */
public enum MeasureKind {
    /** A fraction of examples classified right (a metric containing {@code acc}); compared in percentage points. */
    ACCURACY(0.5),
    /** A loss, cost or running loss; compared as a fraction of the value. */
    LOSS(0.01),
    /** Another real value (weight norms, derivatives, gradient statistics); as a fraction of the value. */
    VALUE(0.001),
    /**
     * A difference between two gradients or a relative error of one (a gradient check): its value is
     * rounding error itself, so another BLAS kernel changes it by a larger fraction than other values.
     */
    ROUNDING_ERROR(0.1),
    /** Steps, stop epochs: counted, so equal or not. */
    COUNT(0),
    /** A wall time: differs on every run and is never compared. */
    TIMING(Double.NaN);

    private static final Set<String> COUNTS = Set.of("steps", "stop_epoch", "stop_step", "stopped_early");
    private static final Set<String> ROUNDING_ERRORS =
            Set.of("max_abs_diff", "mean_abs_diff", "std_abs_diff", "max_rel_error", "max_abs_diff_numerical");

    private final double defaultAmount;

    MeasureKind(double defaultAmount) {
        this.defaultAmount = defaultAmount;
    }

    /** The kind of a measure key such as {@code test_acc.lambda=0.1,eta=0.001} (the metric is what precedes the first '.'). */
    public static MeasureKind of(String key) {
        int dot = key.indexOf('.');
        String metric = dot < 0 ? key : key.substring(0, dot);
        if (metric.endsWith("_ms")) {
            return TIMING;
        }
        if (COUNTS.contains(metric)) {
            return COUNT;
        }
        if (ROUNDING_ERRORS.contains(metric)) {
            return ROUNDING_ERROR;
        }
        if (metric.toLowerCase(Locale.ROOT).contains("acc")) {
            return ACCURACY;
        }
        if (metric.endsWith("loss") || metric.endsWith("cost")) {
            return LOSS;
        }
        return VALUE;
    }

    /** The tolerance a measure of this kind gets unless its spec widens it. */
    public Tolerance defaultTolerance() {
        return new Tolerance(this, defaultAmount, null);
    }
}
