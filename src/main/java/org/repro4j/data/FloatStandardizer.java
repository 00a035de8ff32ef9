package org.repro4j.data;

import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * A fitted {@link NormalizerStandardize} applied to float rows held in a Java array, for batches
 * that are in Java already (augmented ones, {@link MiniBatchIterator}). Each value goes through
 * the two float operations ND4J's {@code StandardizeStrategy} makes, a broadcast subtract of the
 * mean and a broadcast divide by the standard deviation (with zeros replaced by 1, as ND4J
 * does), so the numbers are the same bit for bit ({@code MiniBatchIteratorTest}, and
 * {@code RealDataTest} on CIFAR-10), without two native ops per batch after the copy back.
 */
final class FloatStandardizer {
    private final float[] mean;
    private final float[] std;
    /** One row's values while they are standardised; not thread-safe, like the iterator that owns it. */
    private float[] row;

    private FloatStandardizer(float[] mean, float[] std) {
        this.mean = mean;
        this.std = std;
    }

    /** The normalizer's statistics as float vectors, or null when it also normalises labels (ND4J's path then). */
    static FloatStandardizer of(NormalizerStandardize normalizer) {
        if (normalizer.isFitLabel()) {
            return null;
        }
        INDArray std = normalizer.getStd().dup();
        BooleanIndexing.replaceWhere(std, 1.0, Conditions.equals(0));
        return new FloatStandardizer(normalizer.getMean().castTo(DataType.FLOAT).toFloatVector(),
                std.castTo(DataType.FLOAT).toFloatVector());
    }

    /**
     * Standardises the first {@code rows} rows of {@code values} (row-major, one row per record):
     * into {@code target} (a float batch's memory, same layout) when given, else in place.
     */
    void apply(float[] values, int rows, FloatBuffer target) {
        int cols = mean.length;
        if (row == null) {
            row = new float[cols];
        }
        for (int r = 0; r < rows; r++) {
            // Through a row array indexed like the statistics: a loop over values[offset + j] and mean[j]
            // is not vectorised by Java 17's compiler (the arrays might be one), this one is, 3x faster.
            System.arraycopy(values, r * cols, row, 0, cols);
            for (int j = 0; j < cols; j++) {
                row[j] = (row[j] - mean[j]) / std[j];
            }
            if (target != null) {
                target.put(r * cols, row, 0, cols);
            } else {
                System.arraycopy(row, 0, values, r * cols, cols);
            }
        }
    }

    int columns() {
        return mean.length;
    }
}
