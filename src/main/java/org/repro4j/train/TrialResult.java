package org.repro4j.train;

import org.repro4j.report.MetricRow;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What one {@link Trial} produced: its metric rows (under the setting name {@code ""}; an
 * experiment names them), its final measures by name without a setting suffix
 * ({@code test_acc}, {@code stop_epoch}, ...), where it diverged, and the few arrays figures need.
 *
 * @param stepsPerEpoch     optimisation steps in one epoch, to draw steps as epochs
 * @param divergence        where the training diverged ({@link DivergenceWatch}), or null
 * @param firstLayerWeights the first layer's trained W, one row per unit; null unless an experiment's trial
 * @param testTrueClass     the probability given to the true class of each test example; null without a test split
 */
public record TrialResult(List<MetricRow> rows, Map<String, Double> measures, int stepsPerEpoch, String divergence,
                          Matrix firstLayerWeights, TrueClass testTrueClass) implements Serializable {

    public TrialResult {
        rows = List.copyOf(rows);
        measures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(measures));
    }

    /** A dense matrix in row-major order. */
    public record Matrix(int rows, int columns, double[] values) implements Serializable {
        public Matrix {
            if (values.length != rows * columns) {
                throw new IllegalArgumentException(rows + " x " + columns + " matrix with " + values.length + " values");
            }
        }
    }

    /**
     * @param probability the probability each example's true class was given
     * @param correct     whether the example was classified correctly
     */
    public record TrueClass(double[] probability, boolean[] correct) implements Serializable {
        public TrueClass {
            if (probability.length != correct.length) {
                throw new IllegalArgumentException(probability.length + " probabilities, " + correct.length + " flags");
            }
        }
    }
}
