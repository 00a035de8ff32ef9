package org.repro4j.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Step times leave out the gaps between epochs, and their median ignores the odd long step. */
class StepTimeListenerTest {

    @Test
    void medianOfStepsWithinEpochs() throws InterruptedException {
        StepTimeListener timer = new StepTimeListener();
        assertTrue(Double.isNaN(timer.medianMillis()), "nothing timed yet");
        for (int epoch = 0; epoch < 2; epoch++) {
            timer.onEpochStart(null);
            Thread.sleep(150); // epoch-start work: not a step
            for (int step = 0; step < 6; step++) {
                timer.iterationDone(null, step, epoch);
                Thread.sleep(step == 2 ? 150 : 5); // one step also measured a split
            }
        }
        assertEquals(10, timer.count(), "the first step of each epoch has no predecessor");
        double median = timer.medianMillis();
        assertTrue(median >= 5 && median < 100, "median " + median + " ms");
    }
}
