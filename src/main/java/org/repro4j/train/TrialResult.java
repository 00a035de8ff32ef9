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
 * @param trainedOn         where it trained: the executor, the host and its cores (provenance; it does not change the
 *                          numbers); null where not recorded
 */
public record TrialResult(List<MetricRow> rows, Map<String, Double> measures, int stepsPerEpoch, String divergence,
                          Matrix firstLayerWeights, TrueClass testTrueClass, String trainedOn) implements Serializable {

    public TrialResult {
        rows = List.copyOf(rows);
        measures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(measures));
    }

    /** A result whose executor has not said yet where it trained ({@link #withTrainedOn}). */
    public TrialResult(List<MetricRow> rows, Map<String, Double> measures, int stepsPerEpoch, String divergence,
                       Matrix firstLayerWeights, TrueClass testTrueClass) {
        this(rows, measures, stepsPerEpoch, divergence, firstLayerWeights, testTrueClass, null);
    }

    /** This result, trained where {@code where} says: the executor, the host and its cores ({@link TrialExecutors#where}). */
    public TrialResult withTrainedOn(String where) {
        return new TrialResult(rows, measures, stepsPerEpoch, divergence, firstLayerWeights, testTrueClass, where);
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
