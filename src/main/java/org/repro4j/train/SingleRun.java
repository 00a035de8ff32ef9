package org.repro4j.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.factory.Nd4j;
import org.repro4j.model.NetworkFactory;
import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.TrainingSpec;

import java.util.Locale;

/**
 * Trains one network from a resolved experiment spec the way {@link TrainExperiment} trains one
 * run and seed (same network, batches, shuffling and augmentation), without measuring on the
 * way: what a hyperparameter search needs for each candidate. Training stops at the first
 * mini-batch whose score is NaN or infinite, because a diverged network never recovers.
 */
public final class SingleRun {
    private SingleRun() {
    }

    /**
     * @param net        the trained network (as far as it got, when it diverged)
     * @param epochs     epochs started
     * @param divergence where the score stopped being finite, or null when it stayed finite
     */
    public record Result(MultiLayerNetwork net, int epochs, String divergence) {
    }

    /**
     * @param quick at most {@link RunOptions#QUICK_EPOCHS} epochs (pair it with QUICK data from {@link RunData#load})
     */
    public static Result train(ExperimentSpec spec, RunData data, long seed, boolean quick) {
        TrainingSpec t = spec.training();
        Nd4j.getRandom().setSeed(seed);
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(spec.network(), t, spec.data().dataType(), seed));
        net.init();
        StoppableIterator batches = new StoppableIterator(TrainExperiment.batches(data, t, seed));
        DivergenceWatch watch = new DivergenceWatch(batches);
        net.setListeners(watch);
        // The spec's engine, scoring every batch: the divergence watch reads each batch's score.
        TrainingEngine engine = TrainingEngine.forName(t.engine(), net, true);
        int epochs = quick ? Math.min(t.epochs(), RunOptions.QUICK_EPOCHS) : t.epochs();
        int started = 0;
        for (; started < epochs && !batches.stopped(); started++) {
            batches.reset();
            engine.fitEpoch(batches);
        }
        return new Result(net, started, watch.divergence);
    }

    /** Ends the epoch at the first non-finite mini-batch score and says where it happened. */
    private static final class DivergenceWatch extends BaseTrainingListener {
        private final StoppableIterator batches;
        private String divergence;

        DivergenceWatch(StoppableIterator batches) {
            this.batches = batches;
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            double score = model.score();
            if (divergence == null && !Double.isFinite(score)) {
                divergence = String.format(Locale.ROOT, "training score %s at epoch %d, step %d", score, epoch + 1, iteration + 1);
                batches.stop();
            }
        }
    }
}
