package org.repro4j.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.repro4j.report.MetricRow;

import java.util.function.Consumer;

/**
 * Where the listeners of one training (one run, one seed) put their metric rows: each row is
 * stamped with the run's name and seed, the learning rate in force and the seconds since the
 * training started.
 */
final class RunRows {
    private final String run;
    private final long seed;
    private final Consumer<MetricRow> sink;
    private final long startNanos = System.nanoTime();

    RunRows(String run, long seed, Consumer<MetricRow> sink) {
        this.run = run;
        this.seed = seed;
        this.sink = sink;
    }

    void add(MultiLayerNetwork net, int epoch, long step, String split, double loss, double cost, double accuracy) {
        double lr = net.getLearningRate(0) == null ? Double.NaN : net.getLearningRate(0);
        double wall = (System.nanoTime() - startNanos) / 1e9;
        sink.accept(new MetricRow(run, seed, epoch, step, split, loss, cost, accuracy, lr, wall));
    }
}
