package org.repro4j.model.loss;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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
