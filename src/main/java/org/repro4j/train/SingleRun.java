package org.repro4j.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.repro4j.model.NetworkFactory;
import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.TrainingSpec;

/**
 * Trains one network from a resolved experiment spec the way {@link TrainExperiment} trains one
 * run and seed (same network, batches, shuffling and augmentation), without measuring on the
 * way: what a hyperparameter search needs for each candidate. Training stops where it diverges
 * ({@link DivergenceWatch}, on every mini-batch's score).
 */
public final class SingleRun {
    private SingleRun() {
    }

    /**
     * @param net        the trained network (as far as it got, when it diverged)
     * @param epochs     epochs started
     * @param divergence where the training diverged, or null when it did not
     */
    public record Result(MultiLayerNetwork net, int epochs, String divergence) {
    }

    /**
     * @throws TrainingFailure when DL4J or ND4J fail during training (an error of repro4j's own code
     *                         propagates as it is)
     * @param quick at most {@link RunOptions#QUICK_EPOCHS} epochs (pair it with QUICK data from {@link RunData#load})
     */
    public static Result train(ExperimentSpec spec, RunData data, long seed, boolean quick) {
        TrainingSpec t = spec.training();
        Nd4j.getRandom().setSeed(seed);
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(spec.network(), t, spec.data().dataType(), seed));
        net.init();
        StoppableIterator batches = new StoppableIterator(TrainExperiment.batches(data, t, seed));
        DivergenceWatch watch = new DivergenceWatch(batches, true);
        net.setListeners(watch);
        // The spec's engine, scoring every batch: the divergence watch reads each batch's score.
        TrainingEngine engine = TrainingEngine.forName(t.engine(), net, true);
        int epochs = quick ? Math.min(t.epochs(), RunOptions.QUICK_EPOCHS) : t.epochs();
        int started = 0;
        for (; started < epochs && !batches.stopped(); started++) {
            batches.reset();
            try {
                engine.fitEpoch(batches);
            } catch (RuntimeException | OutOfMemoryError e) {
                if (TrainingFailure.fromLibrary(e)) {
                    throw new TrainingFailure("training failed in epoch " + (started + 1) + ": " + e, e);
                }
                throw e;
            }
        }
        return new Result(net, started, watch.divergence());
    }
}
