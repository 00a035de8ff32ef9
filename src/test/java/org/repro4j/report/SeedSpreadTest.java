package org.repro4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The spread of faithful runs: expected values from printed t tables and by hand, not from the code under test. */
class SeedSpreadTest {
    @Test
    void tQuantilesAreThoseOfTheTables() {
        // Student's t, two-sided 95% (one-sided 0.975), as printed in statistics tables to three decimals.
        assertEquals(12.706, SeedSpread.tQuantile975(1), 5e-4);
        assertEquals(4.303, SeedSpread.tQuantile975(2), 5e-4);
        assertEquals(2.776, SeedSpread.tQuantile975(4), 5e-4);
        assertEquals(2.093, SeedSpread.tQuantile975(19), 5e-4);
    }

    @Test
    void threeRunsGiveMeanSdAndThePredictionIntervalForOneMore() {
        SeedSpread s = SeedSpread.of(List.of(1.0, 2.0, 3.0));
        assertEquals(3, s.n());
        assertEquals(2.0, s.mean(), 1e-15);
        assertEquals(1.0, s.sd(), 1e-15, "SD with n - 1: sqrt((1 + 0 + 1) / 2)");
        assertEquals(1.0, s.min());
        assertEquals(3.0, s.max());
        // 2 -/+ 4.302653 * 1 * sqrt(1 + 1/3) = 2 -/+ 4.968276
        assertEquals(2 - 4.968276, s.predictionLo(), 1e-5);
        assertEquals(2 + 4.968276, s.predictionHi(), 1e-5);
    }

    @Test
    void divergedRunsAreCountedApartAndOneRunHasNoSpread() {
        SeedSpread s = SeedSpread.of(Arrays.asList(0.5, Double.NaN, 0.5, Double.POSITIVE_INFINITY));
        assertEquals(2, s.n());
        assertEquals(2, s.nonFinite());
        assertEquals(0.0, s.sd());
        assertEquals(0.5, s.predictionLo());
        assertEquals(0.5, s.predictionHi());

        SeedSpread one = SeedSpread.of(List.of(7.0));
        assertEquals(7.0, one.predictionLo());
        assertEquals(7.0, one.predictionHi());
        assertTrue(Double.isNaN(SeedSpread.of(List.of(Double.NaN)).mean()));
    }

    @Test
    void theReportsValueHasAMidRankPercentileAmongTheRuns() {
        List<Double> stops = List.of(11.0, 19.0, 22.0, 25.0, 26.0, 26.0, 26.0, 31.0);
        assertEquals(12.5, SeedSpread.percentile(stops, 16), 1e-12, "one of eight below");
        assertEquals(68.75, SeedSpread.percentile(stops, 26), 1e-12, "four below, three equal: (4 + 3 / 2) / 8");
        assertEquals(0.0, SeedSpread.percentile(stops, 5), 1e-12);
        assertEquals(100.0, SeedSpread.percentile(stops, 40), 1e-12);
    }
}
