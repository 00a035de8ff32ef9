package org.repro4j.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.repro4j.report.MetricRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Everything one training (one run setting, one seed) produced: the metric rows in order, the
 * measures by their name without the run suffix, and the trained network. Kept apart from any
 * run name, so that a training can be reported under another experiment's run name when
 * {@link SharedRuns} finds it again.
 *
 * @param trainedBy the id of the experiment that did the training
 * @param steps     the steps the progress bar counted for it (an upper bound under early stopping)
 */
record TrainedRun(List<MetricRow> rows, Map<String, Double> measures, MultiLayerNetwork net, int stepsPerEpoch,
                  long steps, String trainedBy) {

    /** Hands the rows and measures on under the given run name, in the order they were recorded. */
    void replay(String run, Consumer<MetricRow> rowSink, BiConsumer<String, Double> measureSink) {
        for (MetricRow r : rows) {
            rowSink.accept(new MetricRow(run, r.seed(), r.epoch(), r.step(), r.split(), r.loss(), r.cost(),
                    r.accuracy(), r.learningRate(), r.wallSeconds()));
        }
        measures.forEach(measureSink);
    }

    /** Collects a training's rows and measures as it goes. */
    static final class Recorder {
        private final List<MetricRow> rows = new ArrayList<>();
        private final Map<String, Double> measures = new LinkedHashMap<>();

        synchronized void row(MetricRow row) {
            rows.add(row);
        }

        void measure(String name, double value) {
            measures.put(name, value);
        }

        TrainedRun finish(MultiLayerNetwork net, int stepsPerEpoch, long steps, String trainedBy) {
            return new TrainedRun(List.copyOf(rows), new LinkedHashMap<>(measures), net, stepsPerEpoch, steps, trainedBy);
        }
    }
}
