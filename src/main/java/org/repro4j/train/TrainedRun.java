package org.repro4j.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.repro4j.report.MetricRow;

import java.util.List;
import java.util.Map;

/**
 * One trained (run, seed): the network, what was measured during training, the final
 * measures by name without the run suffix ({@code test_acc}, {@code stop_epoch}, ...), and where
 * the training diverged ({@link DivergenceWatch}), or null when it did not.
 */
record TrainedRun(MultiLayerNetwork net, List<MetricRow> rows, Map<String, Double> measures, String divergence) {
}
