package org.repro4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.repro4j.spec.ToleranceSpec;

/** Measure kinds from their keys, and each kind's tolerance: its unit, its bounds, and a spec widening it. */
class ToleranceTest {
    @Test
    void theKindOfAMeasureComesFromItsMetric() {
        assertEquals(MeasureKind.ACCURACY, MeasureKind.of("test_acc.lambda=0.1,eta=0.001"));
        assertEquals(MeasureKind.ACCURACY, MeasureKind.of("untrained_val_acc"));
        assertEquals(MeasureKind.LOSS, MeasureKind.of("val_cost.lr=0.01"));
        assertEquals(MeasureKind.LOSS, MeasureKind.of("running_loss"));
        assertEquals(MeasureKind.LOSS, MeasureKind.of("loss"));
        assertEquals(MeasureKind.COUNT, MeasureKind.of("stop_epoch.no shuffle"));
        assertEquals(MeasureKind.COUNT, MeasureKind.of("steps"));
        assertEquals(MeasureKind.TIMING, MeasureKind.of("step_ms.batch=100"));
        assertEquals(MeasureKind.ROUNDING_ERROR, MeasureKind.of("max_rel_error.W"));
        assertEquals(MeasureKind.VALUE, MeasureKind.of("weight_sq_norm.lambda=2"));
        assertEquals(MeasureKind.VALUE, MeasureKind.of("dV[1,2]"));
        // The setting's name does not decide: "acc" in it does not make a loss an accuracy.
        assertEquals(MeasureKind.LOSS, MeasureKind.of("train_loss.acc=1"));
    }

    private static final ToleranceSpec ETA_01 = new ToleranceSpec("*.lambda=0,eta=0.1", 6.0, 0.5, null, "chaotic at eta = 0.1");

    @Test
    void accuraciesAreComparedInPercentagePoints() {
        Tolerance t = new Tolerance(MeasureKind.ACCURACY, 0.5, null);
        assertTrue(t.allows(0.4000, 0.4050), "0.5 points, the bound itself");
        assertFalse(t.allows(0.4000, 0.4051));
        assertEquals("+0.50 pts", t.delta(0.4000, 0.4050));
        assertEquals("0.5 pts", t.describe());
    }

    @Test
    void lossesAreComparedAsAFractionOfTheValue() {
        Tolerance t = new Tolerance(MeasureKind.LOSS, 0.02, null);
        assertTrue(t.allows(2.0, 2.039));
        assertFalse(t.allows(2.0, 2.05));
        assertTrue(t.allows(0.0, 0.0));
        assertFalse(t.allows(0.0, 1e-12), "nothing is within a fraction of zero");
        assertEquals("2% rel", t.describe());
        assertEquals("+0.025 rel", t.delta(2.0, 2.05));
    }

    @Test
    void countsAreExactUnlessWidenedAndTimingsAreNotCompared() {
        Tolerance exact = MeasureKind.COUNT.defaultTolerance();
        assertTrue(exact.allows(16, 16));
        assertFalse(exact.allows(16, 17));
        assertEquals("exact", exact.describe());
        assertTrue(MeasureKind.TIMING.defaultTolerance().allows(0.41, 0.93));
        assertEquals("not compared", MeasureKind.TIMING.defaultTolerance().describe());
    }

    @Test
    void notANumberAgreesOnlyWithItself() {
        Tolerance t = new Tolerance(MeasureKind.LOSS, 0.5, null);
        assertTrue(t.allows(Double.NaN, Double.NaN));
        assertFalse(t.allows(Double.NaN, 1.0));
        assertFalse(t.allows(1.0, Double.POSITIVE_INFINITY));
    }

    @Test
    void aSpecWidensOnlyTheMeasuresItsPatternCoversAndOnlyForItsKinds() {
        List<ToleranceSpec> widened = List.of(ETA_01);
        Tolerance acc = Tolerance.of("test_acc.lambda=0,eta=0.1", widened);
        assertEquals(6.0, acc.amount());
        assertEquals("chaotic at eta = 0.1", acc.reason());
        assertEquals("6 pts (spec)", acc.describe());
        assertEquals(0.5, Tolerance.of("val_loss.lambda=0,eta=0.1", widened).amount());
        // Another setting keeps the default; so does a kind the entry says nothing about.
        Tolerance other = Tolerance.of("test_acc.lambda=0,eta=0.01", widened);
        assertEquals(MeasureKind.ACCURACY.defaultTolerance(), other);
        assertNull(other.reason());
        assertEquals(MeasureKind.COUNT.defaultTolerance(), Tolerance.of("steps.lambda=0,eta=0.1", widened));
    }

    @Test
    void patternsMatchWholeKeysWithStarForAnyCharacters() {
        assertTrue(ETA_01.matches("train_cost.lambda=0,eta=0.1"));
        assertFalse(ETA_01.matches("train_cost.lambda=0,eta=0.1x"));
        assertFalse(ETA_01.matches("train_cost.lambda=0,etaX0.1"), "'.' is a dot, not any character");
        assertTrue(new ToleranceSpec("val_acc", 1.0, null, null, "r").matches("val_acc"));
        assertFalse(new ToleranceSpec("val_acc", 1.0, null, null, "r").matches("val_acc.lr=0.1"));
    }
}
