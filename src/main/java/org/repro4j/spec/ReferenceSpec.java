package org.repro4j.spec;

import java.util.List;
import java.util.Map;

/**
 * The report's numbers, kept apart from everything we measure: each entry is keyed by the same
 * stable measure name the runner produces (e.g. {@code test_acc.lambda=0.1,eta=0.001}).
 *
 * @param headline the measure the results index shows for this experiment
 */
public record ReferenceSpec(String headline, Map<String, Value> measures) {
    public static final ReferenceSpec NONE = new ReferenceSpec(null, Map.of());

    public ReferenceSpec {
        measures = measures == null ? Map.of() : Map.copyOf(measures);
    }

    /**
     * @param value  the report's number (null where the report gives none)
     * @param band   where a faithful run lands, [lo, hi] (null where no band is known)
     * @param note   why we may differ (shown on the results page when outside the band)
     */
    public record Value(Double value, List<Double> band, String note) {
        public double[] bandArray() {
            return band == null ? null : new double[]{band.get(0), band.get(1)};
        }
    }
}
