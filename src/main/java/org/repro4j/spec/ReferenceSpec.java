package org.repro4j.spec;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The report's numbers, kept apart from everything we measure: each entry is keyed by the same
 * stable measure name the runner produces (e.g. {@code test_acc.lambda=0.1,eta=0.001}).
 *
 * @param headline the measure the results index shows for this experiment
 */
public record ReferenceSpec(String headline, Map<String, Value> measures) {
    public static final ReferenceSpec NONE = new ReferenceSpec(null, Map.of());

    public ReferenceSpec {
        // In the spec's order: pages and the seed study list the numbers as the spec does.
        measures = measures == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(measures));
    }

    /**
     * @param value   the report's number (null where the report gives none)
     * @param band    where a faithful run lands, [lo, hi] (null where no band is known)
     * @param note    why we may differ (shown on the results page when outside the band)
     * @param printed the decimals the report printed the number with, in the spec's unit (0.41: 2, so it means
     *                [0.405, 0.415)); null where there is no value
     */
    public record Value(Double value, List<Double> band, String note, Integer printed) {
        /** Significant digits a printed number is read to at most (see {@link #printedInterval()}). */
        public static final int MEANINGFUL_DIGITS = 12;

        public Value(Double value, List<Double> band, String note) {
            this(value, band, note, value == null ? null : decimals(BigDecimal.valueOf(value).stripTrailingZeros()));
        }

        /**
         * A {@code reference.measures} entry as written: {@code value} a number (its decimals are the precision the
         * report printed it with) or a string, which keeps trailing zeros ({@code "0.410"}); {@code printed} says the
         * decimals outright where the written form cannot (a report's "41%" written as 0.41 is already right).
         */
        @JsonCreator
        static Value read(@JsonProperty("value") JsonNode value, @JsonProperty("band") List<Double> band,
                          @JsonProperty("note") String note, @JsonProperty("printed") Integer printed) {
            if (value == null || value.isNull()) {
                return new Value(null, band, note, printed);
            }
            BigDecimal written;
            if (value.isIntegralNumber()) {
                written = new BigDecimal(value.bigIntegerValue());
            } else if (value.isNumber()) {
                written = BigDecimal.valueOf(value.doubleValue()).stripTrailingZeros();
            } else if (value.isTextual()) {
                try {
                    written = new BigDecimal(value.asText().trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + value.asText() + "' is not a number; write the report's number"
                            + " as it is printed, e.g. 0.41 or \"0.410\"");
                }
            } else {
                throw new IllegalArgumentException("expected the report's number, got " + value);
            }
            return new Value(written.doubleValue(), band, note, printed != null ? printed : decimals(written));
        }

        /** The decimals of a number as written: 0.410 has 3, 16 and 1.6E+2 have none. */
        private static int decimals(BigDecimal written) {
            return Math.max(0, written.scale());
        }

        public double[] bandArray() {
            return band == null ? null : new double[]{band.get(0), band.get(1)};
        }

        /**
         * What the printed number stands for: [value - h, value + h) with h half a unit of its last printed decimal
         * (0.41 means [0.405, 0.415)); null where there is no value. A number printed with more than
         * {@link #MEANINGFUL_DIGITS} significant digits (a double's full printout, as Python prints one) is read to that
         * many: beyond them two faithful implementations differ in the order of their sums (DL4J and the report's
         * NumPy gave the same tdt-t2-logistic losses to 1 to 4 units of the 17th digit).
         */
        public double[] printedInterval() {
            if (value == null) {
                return null;
            }
            int decimals = printed;
            if (value != 0) {
                decimals = Math.min(decimals, MEANINGFUL_DIGITS - 1 - (int) Math.floor(Math.log10(Math.abs(value))));
            }
            double half = 0.5 * Math.pow(10, -decimals);
            return new double[]{value - half, value + half};
        }
    }
}
