package org.repro4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.repro4j.ReproException;

class PlateauStopRuleTest {

    /** Feeds the losses in order; returns the 1-based check at which the rule stops, or -1. */
    private static int stopCheck(double... losses) {
        PlateauStopRule rule = new PlateauStopRule(10);
        for (int i = 0; i < losses.length; i++) {
            if (rule.record(losses[i])) {
                return i + 1;
            }
        }
        return -1;
    }

    @Test
    void neverStopsBeforeElevenChecksEvenWhenNothingImproves() {
        PlateauStopRule rule = new PlateauStopRule(10);
        for (int i = 0; i < 10; i++) {
            assertEquals(false, rule.record(1.0 + i), "check " + (i + 1));
        }
        assertEquals(true, rule.record(99.0), "11th check: the oldest of 11 is the minimum");
    }

    @Test
    void aSteadilyFallingLossNeverStops() {
        double[] losses = new double[500];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = 1.0 / (i + 1);
        }
        assertEquals(-1, stopCheck(losses));
    }

    @Test
    void stopsExactlyWhenTheOldestOfTheLastElevenIsTheMinimum() {
        // Falls to its best at check 5 (0.5), then hovers above it: the window of checks 5..15
        // is the first whose oldest entry is its minimum.
        double[] losses = {0.9, 0.8, 0.7, 0.6, 0.5, 0.55, 0.51, 0.6, 0.52, 0.7, 0.53, 0.58, 0.51, 0.6, 0.56, 0.4};
        assertEquals(15, stopCheck(losses));
        // An improvement inside the window resets the wait: best at 5, a new best at 14.
        double[] improving = {0.9, 0.8, 0.7, 0.6, 0.5, 0.55, 0.51, 0.6, 0.52, 0.7, 0.53, 0.58, 0.51, 0.49, 0.56,
            0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6};
        assertEquals(24, stopCheck(improving));
    }

    @Test
    void aTieWithTheOldestCountsAsNoImprovement() {
        // Checks 2..12: oldest 0.5, and check 12 only matches it.
        double[] losses = {0.9, 0.5, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.5};
        assertEquals(12, stopCheck(losses));
        // A strictly smaller value is an improvement.
        double[] improved = {0.9, 0.5, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.4999};
        assertEquals(-1, stopCheck(improved));
    }

    @Test
    void nanFollowsPythonMin() {
        // A NaN oldest loss never equals the minimum, so it cannot stop training ...
        double[] nanOldest = {Double.NaN, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        assertEquals(-1, stopCheck(nanOldest));
        // ... and a later NaN is never smaller than the oldest.
        double[] nanLater = {0.5, 0.6, 0.6, 0.6, 0.6, Double.NaN, 0.6, 0.6, 0.6, 0.6, 0.6};
        assertEquals(11, stopCheck(nanLater));
    }

    @Test
    void keepsTheHistoryAndRejectsAZeroPatience() {
        PlateauStopRule rule = new PlateauStopRule(2);
        rule.record(3);
        rule.record(2);
        assertEquals(java.util.List.of(3.0, 2.0), rule.history());
        assertEquals(2, rule.patience());
        assertThrows(ReproException.class, () -> new PlateauStopRule(0));
    }
}
