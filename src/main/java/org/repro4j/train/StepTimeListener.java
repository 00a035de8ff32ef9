package org.repro4j.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Wall time of single optimisation steps: the time between consecutive {@code iterationDone}
 * calls within an epoch. A step that also ran a measurement is a long outlier, so the median is
 * the time of a plain step (data, forward, backward, update and listener bookkeeping).
 */
final class StepTimeListener extends BaseTrainingListener {
    private final LongSupplier clock;
    private long[] nanos = new long[1024];
    private int count;
    private long previous;

    StepTimeListener() {
        this(System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime()} counts them */
    StepTimeListener(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public void onEpochStart(Model model) {
        // The gap between epochs holds the epoch-end measurements, not a step.
        previous = 0;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        long now = clock.getAsLong();
        if (previous != 0) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, 2 * count);
            }
            nanos[count++] = now - previous;
        }
        previous = now;
    }

    /** Steps timed so far (the first step of each epoch has no predecessor and is not timed). */
    int count() {
        return count;
    }

    /** The median step time in milliseconds, NaN when no step was timed. */
    double medianMillis() {
        return count == 0 ? Double.NaN : Timing.of(nanos, count).medianMs();
    }
}
