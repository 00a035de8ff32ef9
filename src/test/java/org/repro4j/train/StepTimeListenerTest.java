package org.repro4j.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Step times leave out the gaps between epochs, and their median ignores the odd long step. */
class StepTimeListenerTest {

    @Test
    void medianOfStepsWithinEpochs() {
        long[] now = {1_000_000_000L};
        StepTimeListener timer = new StepTimeListener(() -> now[0]);
        assertTrue(Double.isNaN(timer.medianMillis()), "nothing timed yet");
        for (int epoch = 0; epoch < 2; epoch++) {
            timer.onEpochStart(null);
            now[0] += 150_000_000L; // epoch-start work: not a step
            for (int step = 0; step < 6; step++) {
                timer.iterationDone(null, step, epoch);
                now[0] += step == 2 ? 150_000_000L : 5_000_000L; // one step also measured a split
            }
        }
        assertEquals(10, timer.count(), "the first step of each epoch has no predecessor");
        // Per epoch the timed gaps are 5, 5, 150, 5, 5 ms: the median of all ten is a plain 5 ms step.
        assertEquals(5.0, timer.medianMillis(), 1e-12);
    }
}
