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
    private final SplitEvaluator evaluator;
    private long steps;
    private int epochsDone;
    private Long stopStep;
    private Integer stopEpoch;

    /**
     * @param splits     the trial's curves: the splits measured while it trains (not for divergence:
     *                   which splits are measured must not change where a training stops)
     * @param normalizer applied to the splits' rows before the network sees them (see {@code Splits}); may be null
     */
    MetricsListener(TrialRows rows, Map<String, DataSet> splits, DataNormalization normalizer, MeasurePolicy policy,
                    PlateauStopRule stopRuleOrNull, StoppableIterator iterator) {
        this(rows, splits, normalizer, policy, stopRuleOrNull, iterator, SplitEvaluator.ALONE);
    }

    /** @param evaluator how the network is measured on a split (its cohort's shared pass, or alone) */
    MetricsListener(TrialRows rows, Map<String, DataSet> splits, DataNormalization normalizer, MeasurePolicy policy,
                    PlateauStopRule stopRuleOrNull, StoppableIterator iterator, SplitEvaluator evaluator) {
        this.evaluator = evaluator;
        this.rows = rows;
        this.splits = new LinkedHashMap<>(splits);
        this.normalizer = normalizer;
        this.policy = policy;
        this.stopRule = stopRuleOrNull;
        this.iterator = iterator;
    }

    /** Records the untrained network (step 0) before any update. */
    void measureInitial(MultiLayerNetwork net) {
        measure(net);
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        steps++;
        if (policy.afterStep(steps)) {
            Map<String, SplitMetrics> m = measure((MultiLayerNetwork) model);
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
            measure((MultiLayerNetwork) model);
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

    private Map<String, SplitMetrics> measure(MultiLayerNetwork net) {
        Map<String, SplitMetrics> out = new LinkedHashMap<>();
        splits.forEach((name, data) -> {
            SplitMetrics m = evaluator.evaluate(net, data, normalizer);
            out.put(name, m);
            rows.add(net, epochsDone, steps, name, m.loss(), m.cost(), m.accuracy());
        });
        return out;
    }
}
