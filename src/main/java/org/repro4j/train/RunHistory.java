package org.repro4j.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.repro4j.report.MetricRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the figures need from a finished experiment: each run's measurements and final weights (first seed). */
final class RunHistory {
    private final Map<String, List<MetricRow>> rows = new LinkedHashMap<>();
    private final Map<String, INDArray> firstLayerWeights = new LinkedHashMap<>();
    private final Map<String, Integer> stepsPerEpoch = new LinkedHashMap<>();
    private final Map<String, Long> firstSeed = new LinkedHashMap<>();

    void add(MetricRow row) {
        firstSeed.putIfAbsent(row.run(), row.seed());
        if (firstSeed.get(row.run()) == row.seed()) {
            rows.computeIfAbsent(row.run(), k -> new ArrayList<>()).add(row);
        }
    }

    void keep(String run, MultiLayerNetwork net, int stepsPerEpoch) {
        this.stepsPerEpoch.put(run, stepsPerEpoch);
        // DL4J stores W as [nIn, nOut]; a row per class is what one draws.
        firstLayerWeights.put(run, net.getLayer(0).getParam("W").transpose().dup());
    }

    List<String> runs() {
        return new ArrayList<>(rows.keySet());
    }

    List<MetricRow> rows(String run) {
        return rows.getOrDefault(run, List.of());
    }

    INDArray weights(String run) {
        return firstLayerWeights.get(run);
    }

    int stepsPerEpoch(String run) {
        return stepsPerEpoch.getOrDefault(run, 1);
    }
}
