package org.repro4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.repro4j.spec.ReferenceSpec;

/** A reported number judged against faithful runs: the two cases issue 16 starts from, and the edges. */
class ClaimTest {
    private static ReferenceSpec.Value printed(double value, int decimals, String note) {
        return new ReferenceSpec.Value(value, null, note, decimals);
    }

    @Test
    void aStopEpochInsideTheRangeOfFaithfulRunsIsConsistent() {
        // An independent reimplementation of the TDT4265 protocol over 8 seeds (issue 16); the report stops at 16.
        List<Double> eight = List.of(11.0, 19.0, 22.0, 25.0, 26.0, 26.0, 26.0, 31.0);
        Claim c = Claim.judge("stop_epoch.shuffle", printed(16, 0, null), eight);
        assertTrue(c.discrete());
        assertEquals(Claim.Verdict.CONSISTENT, c.verdict());
        assertEquals(12.5, c.percentile(), 1e-12);

        // Five seeds that all stop later: outside, and unexplained without a note.
        List<Double> five = List.of(22.0, 24.0, 26.0, 28.0, 30.0);
        assertEquals(Claim.Verdict.UNEXPLAINED, Claim.judge("stop_epoch.shuffle", printed(16, 0, null), five).verdict());
        Claim explained = Claim.judge("stop_epoch.shuffle", printed(16, 0, "the report's shuffle order"), five);
        assertEquals(Claim.Verdict.EXPLAINED, explained.verdict());
        assertEquals("the report's shuffle order", explained.explanation());
    }

    @Test
    void aTightSpreadIsJudgedAgainstWhatThePrintedDigitsMean() {
        // Three seeds at 40.78 +/- 0.02% (issue 16): the report's 0.41 means [0.405, 0.415).
        List<Double> runs = List.of(0.4076, 0.4078, 0.4080);
        Claim twoDigits = Claim.judge("test_acc.lambda=0.1,eta=0.001", printed(0.41, 2, null), runs);
        assertEquals(0.405, twoDigits.printedLo(), 1e-15);
        assertEquals(0.415, twoDigits.printedHi(), 1e-15);
        assertEquals(Claim.Verdict.CONSISTENT, twoDigits.verdict());
        assertNull(twoDigits.percentile());
        // Printed as 41.00% the same number claims far more, and the runs' interval [0.4068, 0.4088] misses it.
        assertEquals(Claim.Verdict.UNEXPLAINED, Claim.judge("test_acc.lambda=0.1,eta=0.001", printed(0.41, 4, null), runs).verdict());
    }

    @Test
    void everyRunDivergedIsOutside() {
        Claim c = Claim.judge("test_loss", printed(2.02, 2, null), List.of(Double.NaN, Double.NaN));
        assertEquals(0, c.spread().n());
        assertEquals(2, c.spread().nonFinite());
        assertEquals(Claim.Verdict.UNEXPLAINED, c.verdict());
    }
}
