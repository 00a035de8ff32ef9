package org.repro4j.model.loss;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.repro4j.ReproException;

/** Argument checks shared by the custom losses, so both report a bad network spec the same way. */
final class LossArguments {
    private LossArguments() {
    }

    /**
     * Returns the labels in the pre-output's data type, after checking that they have one column
     * per output unit (a mismatch means the spec's nOut does not match the number of classes).
     */
    static INDArray labelsMatching(INDArray labels, INDArray preOutput, String lossName) {
        if (!Arrays.equals(labels.shape(), preOutput.shape())) {
            throw new ReproException(lossName + ": labels have shape " + Arrays.toString(labels.shape())
                    + " but the output layer produces " + Arrays.toString(preOutput.shape())
                    + "; set the output layer's nOut to the number of classes (one-hot label columns).");
        }
        return labels.dataType() == preOutput.dataType() ? labels : labels.castTo(preOutput.dataType());
    }

    /**
     * The array's elements in row-major order as a Java array, for losses that do their
     * per-example arithmetic on the heap (one native copy, then no per-element native calls;
     * {@code INDArray.toDoubleMatrix()} reads element by element and costs milliseconds at [100, 10]).
     */
    static double[] rowMajorCopy(INDArray array) {
        return array.dup('c').data().asDouble();
    }

    /**
     * Whether every element is exactly 0 or 1 (false for NaN). Reads the elements on the heap:
     * a contiguous row-major array (a mini-batch's labels) straight from its buffer, other arrays
     * after one copy. Measured at [100, 10] float on 2 busy cores: 4-7 us for a dense batch, where
     * two MatchCondition scans or abs(y (1 - y)).sum() took 75-160 us and the M-BCE gradient 30-75 us.
     */
    static boolean allZeroOrOne(INDArray array) {
        // A view's data() starts at the view's first element; a dense row-major array is read as it is.
        boolean direct = array.ordering() == 'c' && Shape.isContiguousInBuffer(array)
                && array.data().length() == array.length();
        INDArray a = direct ? array : array.dup('c');
        if (a.dataType() == DataType.FLOAT) {
            for (float v : a.data().asFloat()) {
                if (v != 0f && v != 1f) {
                    return false;
                }
            }
            return true;
        }
        for (double v : a.data().asDouble()) {
            if (v != 0.0 && v != 1.0) {
                return false;
            }
        }
        return true;
    }

    /** Row {@code row} of a matrix as text, e.g. {@code [0.5, 0.5, 0.0]}, in the array's own precision. */
    static String rowText(INDArray matrix, long row) {
        double[] values = matrix.getRow(row).dup().castTo(DataType.DOUBLE).toDoubleVector();
        StringBuilder sb = new StringBuilder("[");
        for (int j = 0; j < values.length; j++) {
            sb.append(j == 0 ? "" : ", ");
            sb.append(matrix.dataType() == DataType.DOUBLE ? Double.toString(values[j]) : Float.toString((float) values[j]));
        }
        return sb.append(']').toString();
    }

    /** A new row-major array of the given shape and floating-point type holding {@code values}. */
    static INDArray fromRowMajor(double[] values, long[] shape, DataType type) {
        if (type == DataType.DOUBLE) {
            return Nd4j.create(values, shape, 'c');
        }
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        INDArray out = Nd4j.create(floats, shape, 'c');
        return type == DataType.FLOAT ? out : out.castTo(type);
    }

    /** True for a mask with one value per example: shape [N, 1] (or any mask when there is one output). */
    static boolean isPerExample(INDArray mask, INDArray preOutput) {
        return mask.length() == preOutput.size(0);
    }
}
