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
    private final Map<String, MultiLayerNetwork> networks = new LinkedHashMap<>();
    private final Map<String, org.nd4j.linalg.dataset.DataSet> testSets = new LinkedHashMap<>();
    private final Map<String, Integer> stepsPerEpoch = new LinkedHashMap<>();
    private final Map<String, Long> firstSeed = new LinkedHashMap<>();

    void add(MetricRow row) {
        firstSeed.putIfAbsent(row.run(), row.seed());
        if (firstSeed.get(row.run()) == row.seed()) {
            rows.computeIfAbsent(row.run(), k -> new ArrayList<>()).add(row);
        }
    }

    /** Keeps the first seed's trained network of a run, with the split its figures evaluate on. */
    void keep(String run, MultiLayerNetwork net, int stepsPerEpoch, org.nd4j.linalg.dataset.DataSet test) {
        this.stepsPerEpoch.put(run, stepsPerEpoch);
        networks.put(run, net);
        if (test != null) {
            testSets.put(run, test);
        }
    }

    List<String> runs() {
        return new ArrayList<>(rows.keySet());
    }

    List<MetricRow> rows(String run) {
        return rows.getOrDefault(run, List.of());
    }

    /** The first layer's weights with one row per unit (DL4J stores W as [nIn, nOut]). */
    INDArray weights(String run) {
        return networks.get(run).getLayer(0).getParam("W").transpose().dup();
    }

    MultiLayerNetwork network(String run) {
        return networks.get(run);
    }

    org.nd4j.linalg.dataset.DataSet test(String run) {
        return testSets.get(run);
    }

    int stepsPerEpoch(String run) {
        return stepsPerEpoch.getOrDefault(run, 1);
    }
}
