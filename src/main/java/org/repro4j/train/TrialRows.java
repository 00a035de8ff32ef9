package org.repro4j.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.repro4j.report.MetricRow;

import java.util.function.Consumer;

/**
 * Where the listeners of one trial put their metric rows: each row is stamped with the trial's
 * seed, the learning rate in force and the seconds since the training started. The setting's
 * name is left empty; the experiment that shows the trial names it ({@link MetricRow#withSetting}).
 */
final class TrialRows {
    private final long seed;
    private final Consumer<MetricRow> sink;
    private final long startNanos = System.nanoTime();

    TrialRows(long seed, Consumer<MetricRow> sink) {
        this.seed = seed;
        this.sink = sink;
    }

    void add(MultiLayerNetwork net, int epoch, long step, String split, double loss, double cost, double accuracy) {
        double lr = net.getLearningRate(0) == null ? Double.NaN : net.getLearningRate(0);
        double wall = (System.nanoTime() - startNanos) / 1e9;
        sink.accept(new MetricRow("", seed, epoch, step, split, loss, cost, accuracy, lr, wall));
    }
}
