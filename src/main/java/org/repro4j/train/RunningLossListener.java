package org.repro4j.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * The training loss as a hand-written SGD loop sees it: the mean, over the batches trained on
 * since the last record, of each batch's loss just before its update (DL4J's minibatch score),
 * recorded every N steps or at each epoch end as rows of split {@value #SPLIT}. Free to compute:
 * {@code fit} has already scored every batch. With L2 the score includes the penalty, so such a
 * row carries it as the cost and leaves the loss empty.
 */
final class RunningLossListener extends BaseTrainingListener {
    /** The split name of the rows. */
    static final String SPLIT = "train_running";

    private final TrialRows rows;
    private final Integer everySteps;
    private final boolean regularised;
    private double sum;
    private long count;
    private long steps;
    private int epochsDone;
    private double last = Double.NaN;

    /**
     * @param everySteps  steps between records, or null for one record per epoch
     * @param regularised whether the score includes a regularisation term
     */
    RunningLossListener(TrialRows rows, Integer everySteps, boolean regularised) {
        this.rows = rows;
        this.everySteps = everySteps;
        this.regularised = regularised;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        sum += model.score();
        count++;
        steps++;
        if (everySteps != null && steps % everySteps == 0) {
            record((MultiLayerNetwork) model);
        }
    }

    @Override
    public void onEpochEnd(Model model) {
        epochsDone++;
        if (everySteps == null && count > 0) {
            record((MultiLayerNetwork) model);
        }
    }

    /** The last recorded mean (NaN before the first record). */
    double last() {
        return last;
    }

    private void record(MultiLayerNetwork net) {
        last = sum / count;
        rows.add(net, epochsDone, steps, SPLIT, regularised ? Double.NaN : last, last, Double.NaN);
        sum = 0;
        count = 0;
    }
}
