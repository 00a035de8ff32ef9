package org.repro4j.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.repro4j.ReproException;

/**
 * Drives {@link LeanSgdStep} through an epoch the way {@code MultiLayerNetwork.fit(iterator)}
 * does, so listeners and schedules cannot tell the difference: reset an exhausted iterator,
 * {@code onEpochStart}, then per batch one update, {@code iterationDone(net, iteration, epoch)}
 * and the iteration count advanced, then {@code onEpochEnd} and the epoch count advanced.
 *
 * <p>Listeners get no {@code onForwardPass}/{@code onGradientCalculation}/{@code onBackwardPass}
 * calls (there are no DL4J activation or gradient maps to show them). The network's score is each
 * batch's, as after {@code fit}, when the trainer is made with {@code scoring}; otherwise it is
 * NaN rather than stale, and {@code net.score(DataSet)} evaluates instead.
 */
public final class LeanTrainer implements TrainingEngine {
    private final MultiLayerNetwork net;
    private final LeanSgdStep step;

    /** @param scoring whether listeners read each batch's score from {@code net.score()} */
    public LeanTrainer(MultiLayerNetwork net, boolean scoring) {
        this.net = net;
        this.step = new LeanSgdStep(net, scoring);
    }

    @Override
    public void fitEpoch(DataSetIterator batches) {
        if (!batches.hasNext() && batches.resetSupported()) {
            batches.reset();
        }
        net.setScore(Double.NaN);
        for (TrainingListener listener : net.getListeners()) {
            listener.onEpochStart(net);
        }
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            if (batch.hasMaskArrays()) {
                throw new ReproException("training.engine 'lean' does not support mask arrays; "
                        + "set training.engine: fit in the experiment spec.");
            }
            net.setScore(step.step(batch.getFeatures(), batch.getLabels()));
            int iteration = net.getIterationCount();
            int epoch = net.getEpochCount();
            for (TrainingListener listener : net.getListeners()) {
                listener.iterationDone(net, iteration, epoch);
            }
            BaseOptimizer.incrementIterationCount(net, 1);
        }
        for (TrainingListener listener : net.getListeners()) {
            listener.onEpochEnd(net);
        }
        net.incrementEpochCount();
    }
}
