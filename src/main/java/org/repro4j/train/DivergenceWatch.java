package org.repro4j.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

import java.util.Locale;

/**
 * Ends a training at the first sign that it diverged, because a diverged network never recovers
 * and every later number would be noise: a mini-batch score that is NaN or infinite (when the
 * engine computes scores) or a parameter that is not finite at the end of an epoch. It stops the
 * batches and says where it happened, e.g. "diverged at epoch 3, step 1207: training loss = Infinity".
 * The losses measured on the splits are not watched: which splits a trial measures while it trains
 * depends on who uses it ({@link Curves}), and must not change where it stops.
 */
final class DivergenceWatch extends BaseTrainingListener {
    private final StoppableIterator batches;
    private final boolean scored;
    private long steps;
    private int epochsEnded;
    private String divergence;

    /**
     * @param scored whether {@code model.score()} holds each batch's score after the step (the lean
     *               engine leaves it NaN unless asked to score, so an unscored NaN means nothing)
     */
    DivergenceWatch(StoppableIterator batches, boolean scored) {
        this.batches = batches;
        this.scored = scored;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        steps++;
        if (scored) {
            observe("training loss", model.score(), epoch + 1, steps);
        }
    }

    @Override
    public void onEpochEnd(Model model) {
        epochsEnded++;
        if (divergence != null) {
            return;
        }
        INDArray params = model.params();
        if (BooleanIndexing.or(params, Conditions.isNan())) {
            diverged(epochsEnded, steps, "a parameter is NaN");
        } else if (BooleanIndexing.or(params, Conditions.isInfinite())) {
            diverged(epochsEnded, steps, "a parameter is infinite");
        }
    }

    private void observe(String what, double value, int epoch, long step) {
        if (divergence == null && !Double.isFinite(value)) {
            diverged(epoch, step, what + " = " + value);
        }
    }

    private void diverged(int epoch, long step, String what) {
        divergence = String.format(Locale.ROOT, "diverged at epoch %d, step %d: %s", epoch, step, what);
        batches.stop();
    }

    /** Where and how the training diverged, or null when it did not. */
    String divergence() {
        return divergence;
    }
}
