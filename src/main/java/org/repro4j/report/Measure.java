package org.repro4j.report;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One measured quantity of an experiment, next to what the report says.
 *
 * @param measured  our value (the mean over seeds when {@code n > 1}); NaN when the run diverged
 * @param std       standard deviation over seeds, or null (one seed, or not computed)
 * @param n         number of seeds the value is averaged over, at least 1
 * @param reference the report's value, or null when the report gives none
 * @param band      where a faithful run lands, or null when no band is known
 * @param note      a short remark shown beside the value, or null
 */
@JsonPropertyOrder({"measured", "std", "n", "reference", "band", "within", "note"})
@JsonIgnoreProperties(value = "within", allowGetters = true)
public record Measure(double measured, Double std, int n, Double reference, Band band, String note) {

    public Measure {
        if (n < 1) {
            throw new IllegalArgumentException("n (number of seeds) must be at least 1, got " + n);
        }
    }

    /**
     * Whether the measured value lies in the band (bounds included); null when there is no band.
     * Always derived from {@code measured} and {@code band}, so summary.json cannot contradict itself.
     */
    @JsonProperty("within")
    public Boolean within() {
        return band == null ? null : band.contains(measured);
    }

    /** A closed interval [lo, hi]; written to JSON as the array {@code [lo, hi]}. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"lo", "hi"})
    public record Band(double lo, double hi) {
        public Band {
            if (!(lo <= hi)) {
                throw new IllegalArgumentException("band needs lo <= hi (and no NaN), got [" + lo + ", " + hi + "]");
            }
        }

        /** Builds a band from {@code {lo, hi}}, or returns null for a null array. */
        public static Band of(double[] loHiOrNull) {
            if (loHiOrNull == null) {
                return null;
            }
            if (loHiOrNull.length != 2) {
                throw new IllegalArgumentException("band must be {lo, hi}, got " + loHiOrNull.length + " values");
            }
            return new Band(loHiOrNull[0], loHiOrNull[1]);
        }

        /** True when lo <= x <= hi; false for NaN. */
        public boolean contains(double x) {
            return lo <= x && x <= hi;
        }
    }
}
