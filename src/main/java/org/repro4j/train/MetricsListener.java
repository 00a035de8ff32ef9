package org.repro4j.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Measures loss, cost and accuracy on the named splits while DL4J trains, and applies the
 * plateau early-stopping rule to the validation loss when the run has one.
 */
final class MetricsListener extends BaseTrainingListener {
    private final TrialRows rows;
    private final Map<String, DataSet> splits;
    private final DataNormalization normalizer;
    private final MeasurePolicy policy;
    private final PlateauStopRule stopRule;
    private final StoppableIterator iterator;
    private final DivergenceWatch divergence;
    private long steps;
    private int epochsDone;
    private Long stopStep;
    private Integer stopEpoch;

    /**
     * @param normalizer applied to the splits' rows before the network sees them (see {@code Splits}); may be null
     * @param divergence sees every measured loss and cost, and stops the training when one is not finite
     */
    MetricsListener(TrialRows rows, Map<String, DataSet> splits, DataNormalization normalizer, MeasurePolicy policy,
                    PlateauStopRule stopRuleOrNull, StoppableIterator iterator, DivergenceWatch divergence) {
        this.rows = rows;
        this.splits = new LinkedHashMap<>(splits);
        this.normalizer = normalizer;
        this.policy = policy;
        this.stopRule = stopRuleOrNull;
        this.iterator = iterator;
        this.divergence = divergence;
    }

    /** Records the untrained network (step 0) before any update. */
    void measureInitial(MultiLayerNetwork net) {
        measure(net, 0);
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        steps++;
        if (policy.afterStep(steps)) {
            Map<String, SplitMetrics> m = measure((MultiLayerNetwork) model, epoch + 1);
            if (stopRule != null && stopRule.record(m.get("val").loss())) {
                stopStep = steps;
                stopEpoch = epochsDone;
                iterator.stop();
            }
        }
    }

    @Override
    public void onEpochEnd(Model model) {
        epochsDone++;
        if (policy.atEpochEnd()) {
            measure((MultiLayerNetwork) model, epochsDone);
        }
    }

    long steps() {
        return steps;
    }

    /** The epoch (0-based, as the course trainer counts) in which early stopping fired, or null. */
    Integer stopEpoch() {
        return stopEpoch;
    }

    Long stopStep() {
        return stopStep;
    }

    /** @param epochOneBased the epoch the measurement belongs to, counted from 1 (0: before training) */
    private Map<String, SplitMetrics> measure(MultiLayerNetwork net, int epochOneBased) {
        Map<String, SplitMetrics> out = new LinkedHashMap<>();
        splits.forEach((name, data) -> {
            SplitMetrics m = Evaluator.evaluate(net, data, normalizer);
            out.put(name, m);
            rows.add(net, epochsDone, steps, name, m.loss(), m.cost(), m.accuracy());
            divergence.observe(name + " loss", m.loss(), epochOneBased, steps);
            divergence.observe(name + " cost", m.cost(), epochOneBased, steps);
        });
        return out;
    }
}
