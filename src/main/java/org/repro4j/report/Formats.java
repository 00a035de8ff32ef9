package org.repro4j.report;

import java.math.BigDecimal;
import java.util.Locale;

/** How the results pages show numbers: accuracies as percentages, everything else to 4 significant digits. */
final class Formats {
    private Formats() {
    }

    /** A key's metric is the part before the first '.', e.g. {@code test_acc} in {@code test_acc.lambda=0.1}. */
    static boolean isAccuracy(String key) {
        return MeasureKind.of(key) == MeasureKind.ACCURACY;
    }

    /** A number to 4 significant digits without trailing zeros or exponent: {@code 0.5}, {@code 20}, {@code 0.00001}. */
    static String trim(double v) {
        return new BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
    }

    static String value(String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (isAccuracy(key)) {
            return String.format(Locale.ROOT, "%.2f%%", 100 * v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** Ours: the value, with ± std and the number of seeds when there were several. */
    static String ours(String key, Measure m) {
        String value = value(key, m.measured());
        if (m.n() <= 1) {
            return value;
        }
        String seeds = " (n=" + m.n() + ")";
        if (m.std() == null) {
            return value + seeds;
        }
        if (isAccuracy(key)) {
            return String.format(Locale.ROOT, "%.2f ± %.2f%%", 100 * m.measured(), 100 * m.std()) + seeds;
        }
        return value + " ± " + String.format(Locale.ROOT, "%.2g", m.std()) + seeds;
    }

    static String reference(String key, Measure m) {
        return m.reference() == null ? "-" : value(key, m.reference());
    }

    static String band(String key, Measure m) {
        return band(key, m.band());
    }

    /** A hand-set band as {@code [lo, hi]} in the key's unit, "-" where there is none. */
    static String band(String key, Measure.Band b) {
        return b == null ? "-" : range(key, b.lo(), b.hi());
    }

    /** A closed interval, both ends as {@link #value} shows them: {@code [40.00%, 42.00%]}, {@code [19, 33]}. */
    static String range(String key, double lo, double hi) {
        return "[" + value(key, lo) + ", " + value(key, hi) + "]";
    }

    /** The day of an ISO-8601 timestamp ({@code 2026-12-06} of {@code 2026-12-06T00:00:00Z}), "-" where there is none. */
    static String day(String timestamp) {
        return timestamp == null ? "-" : timestamp.substring(0, Math.min(10, timestamp.length()));
    }

    static String within(Measure m) {
        Boolean within = m.within();
        return within == null ? "-" : within ? "inside" : "OUTSIDE";
    }

    /**
     * A report's number with the interval its printed digits stand for, enough digits to tell the ends apart:
     * {@code 41% [40.5, 41.5)%}, {@code 16 [15.5, 16.5)}.
     */
    static String printed(Claim c) {
        boolean percent = isAccuracy(c.measure());
        int decimals = Math.max(0, c.printed() - (percent ? 2 : 0));
        double scale = percent ? 100 : 1;
        String unit = percent ? "%" : "";
        if (decimals > 6) {
            return value(c.measure(), c.reported()) + " (printed to " + c.printed() + " decimals)";
        }
        String format = "%." + decimals + "f";
        String ends = "%." + (decimals + 1) + "f";
        return String.format(Locale.ROOT, format, scale * c.reported()) + unit + " ["
                + String.format(Locale.ROOT, ends, scale * c.printedLo()) + ", "
                + String.format(Locale.ROOT, ends, scale * c.printedHi()) + ")" + unit;
    }

    /** Text safe inside a Markdown table cell. */
    static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
