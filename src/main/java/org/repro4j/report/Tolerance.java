package org.repro4j.report;

import java.util.List;
import java.util.Locale;
import org.repro4j.spec.ToleranceSpec;

/**
 * How far a rerun's value of one measure may be from the published one and still count as the
 * same result up to float rounding: in percentage points for accuracies, as a fraction of the
 * value for losses and other values, in units for counts; timings are not compared.
 *
 * @param amount how far (unused for timings)
 * @param reason why a spec widened it, or null for the kind's default
 */
public record Tolerance(MeasureKind kind, double amount, String reason) {

    /** The tolerance of measure {@code key}: the first spec entry that covers it and its kind, else the kind's default. */
    public static Tolerance of(String key, List<ToleranceSpec> widened) {
        MeasureKind kind = MeasureKind.of(key);
        for (ToleranceSpec t : widened) {
            Double amount = switch (kind) {
                case ACCURACY -> t.accuracyPoints();
                case LOSS, VALUE, ROUNDING_ERROR -> t.relative();
                case COUNT -> t.count();
                case TIMING -> null;
            };
            if (amount != null && t.matches(key)) {
                return new Tolerance(kind, amount, t.reason().strip());
            }
        }
        return kind.defaultTolerance();
    }

    /** Whether {@code now} is within this tolerance of {@code published} (two NaNs agree; one NaN does not). */
    public boolean allows(double published, double now) {
        if (kind == MeasureKind.TIMING || Double.compare(published, now) == 0) {
            return true;
        }
        if (!Double.isFinite(published) || !Double.isFinite(now)) {
            return false;
        }
        double difference = Math.abs(now - published);
        return switch (kind) {
            case ACCURACY -> difference * 100 <= amount + 1e-9;
            case LOSS, VALUE, ROUNDING_ERROR -> difference <= amount * Math.max(Math.abs(published), Math.abs(now));
            case COUNT -> difference <= amount;
            case TIMING -> true;
        };
    }

    /** The difference {@code now - published} in this tolerance's unit, e.g. {@code -0.21 pts}, {@code +0.0031 rel}. */
    public String delta(double published, double now) {
        if (!Double.isFinite(published) || !Double.isFinite(now)) {
            return "";
        }
        return switch (kind) {
            case ACCURACY -> String.format(Locale.ROOT, "%+.2f pts", (now - published) * 100);
            case LOSS, VALUE, ROUNDING_ERROR -> published == 0 ? String.format(Locale.ROOT, "%+.3g", now - published)
                    : String.format(Locale.ROOT, "%+.2g rel", (now - published) / Math.abs(published));
            case COUNT -> String.format(Locale.ROOT, "%+.0f", now - published);
            case TIMING -> "";
        };
    }

    /** E.g. {@code 0.5 pts}, {@code 2% rel}, {@code exact}, {@code not compared}; a widened one is marked. */
    public String describe() {
        String text = switch (kind) {
            case ACCURACY -> Formats.trim(amount) + " pts";
            case LOSS, VALUE, ROUNDING_ERROR -> Formats.trim(amount * 100) + "% rel";
            case COUNT -> amount == 0 ? "exact" : Formats.trim(amount);
            case TIMING -> "not compared";
        };
        return reason == null ? text : text + " (spec)";
    }
}
