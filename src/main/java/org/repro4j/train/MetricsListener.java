package org.repro4j.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.dataset.DataSet;
import org.repro4j.report.MetricRow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Measures loss, cost and accuracy on the named splits while DL4J trains, and applies the
 * plateau early-stopping rule to the validation loss when the run has one.
 */
final class MetricsListener extends BaseTrainingListener {
    private final String run;
    private final long seed;
    private final Map<String, DataSet> splits;
    private final MeasurePolicy policy;
    private final PlateauStopRule stopRule;
    private final StoppableIterator iterator;
    private final Consumer<MetricRow> sink;
    private final long startNanos = System.nanoTime();
    private long steps;
    private int epochsDone;
    private Long stopStep;
    private Integer stopEpoch;

    MetricsListener(String run, long seed, Map<String, DataSet> splits, MeasurePolicy policy,
                    PlateauStopRule stopRuleOrNull, StoppableIterator iterator, Consumer<MetricRow> sink) {
        this.run = run;
        this.seed = seed;
        this.splits = new LinkedHashMap<>(splits);
        this.policy = policy;
        this.stopRule = stopRuleOrNull;
        this.iterator = iterator;
        this.sink = sink;
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
        double lr = net.getLearningRate(0) == null ? Double.NaN : net.getLearningRate(0);
        double wall = (System.nanoTime() - startNanos) / 1e9;
        Map<String, SplitMetrics> out = new LinkedHashMap<>();
        splits.forEach((name, data) -> {
            SplitMetrics m = Evaluator.evaluate(net, data);
            out.put(name, m);
            sink.accept(new MetricRow(run, seed, epochsDone, steps, name, m.loss(), m.cost(), m.accuracy(), lr, wall));
        });
        return out;
    }
}
