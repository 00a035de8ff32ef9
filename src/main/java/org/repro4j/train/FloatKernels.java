package org.repro4j.train;

import java.nio.FloatBuffer;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The element-wise parts of a lean step for float networks, in plain Java over NIO views of the
 * native buffers, for the activations and the loss the reports' networks use: sigmoid and
 * identity hidden layers (forward and backprop), and a softmax output with DL4J's
 * {@link LossMCXENT}, whose gradient for softmax without class weights is p - y
 * ({@code LossMCXENT.computeGradient}).
 *
 * <p>Why: these are tiny ([1, 300], [1, 10] at batch size 1) and ND4J's fixed cost per op (op
 * objects, a random UUID each, shape information, deallocation bookkeeping) is the whole cost:
 * measured 3 us (sigmoid), 13 us (sigmoid backprop) and 20 us (the cross-entropy gradient) of a
 * 75 us step, against about 2 us for these loops ({@code bench/NOTES.md}). Any other activation
 * or loss goes through the layer's own {@code IActivation}/{@code ILossFunction}, so the lean
 * step stays general; results agree with ND4J's to float rounding (Java computes exp in double).
 */
final class FloatKernels {
    private FloatKernels() {
    }

    /** A view of a dense float array's elements (ND4J's buffer pointer already includes a view's offset). */
    static FloatBuffer view(INDArray array) {
        long n = array.length();
        return new FloatPointer(array.data().addressPointer()).capacity(n).limit(n).asBuffer();
    }

    static boolean hasActivation(IActivation activation) {
        return activation instanceof ActivationSigmoid || activation instanceof ActivationIdentity;
    }

    /** True for the output layers {@link #softmaxCrossEntropy} computes exactly as the loss would. */
    static boolean hasOutputDelta(IActivation activation, ILossFunction loss) {
        return activation instanceof ActivationSoftmax && loss.getClass() == LossMCXENT.class
                && ((LossMCXENT) loss).getWeights() == null;
    }

    /** a = activation(z) for the first n elements. */
    static void activate(IActivation activation, FloatBuffer z, FloatBuffer a, int n) {
        if (activation instanceof ActivationSigmoid) {
            for (int i = 0; i < n; i++) {
                a.put(i, (float) (1.0 / (1.0 + Math.exp(-z.get(i)))));
            }
        } else {
            for (int i = 0; i < n; i++) {
                a.put(i, z.get(i));
            }
        }
    }

    /** delta = epsilon * activation'(z), from the activation's output a = activation(z). */
    static void backprop(IActivation activation, FloatBuffer a, FloatBuffer epsilon, FloatBuffer delta, int n) {
        if (activation instanceof ActivationSigmoid) {
            for (int i = 0; i < n; i++) {
                float s = a.get(i);
                delta.put(i, epsilon.get(i) * s * (1f - s));
            }
        } else {
            for (int i = 0; i < n; i++) {
                delta.put(i, epsilon.get(i));
            }
        }
    }

    /**
     * delta = softmax(z) - y, row by row ([rows, cols], row-major), the max subtracted before exp;
     * also returns the summed cross-entropy -sum y log p over the batch, with p clipped to
     * [clipEps, 1 - clipEps] as {@code LossMCXENT}'s score clips it. With {@code clipEps} NaN no
     * loss is computed and NaN is returned.
     */
    static double softmaxCrossEntropy(FloatBuffer z, FloatBuffer y, FloatBuffer delta, int rows, int cols,
                                      double clipEps) {
        return softmaxCrossEntropy(z, 0, cols, y, delta, 0, cols, rows, cols, clipEps);
    }

    /**
     * The same for a block of columns of wider matrices: z's row r starts at {@code zOffset + r * zStride},
     * delta's at {@code deltaOffset + r * deltaStride}, y's rows are {@code cols} wide.
     */
    static double softmaxCrossEntropy(FloatBuffer z, int zOffset, int zStride, FloatBuffer y, FloatBuffer delta,
                                      int deltaOffset, int deltaStride, int rows, int cols, double clipEps) {
        boolean scoring = !Double.isNaN(clipEps);
        double loss = 0;
        double[] e = new double[cols];
        for (int r = 0; r < rows; r++) {
            int zRow = zOffset + r * zStride;
            int yRow = r * cols;
            int deltaRow = deltaOffset + r * deltaStride;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, z.get(zRow + j));
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                e[j] = Math.exp(z.get(zRow + j) - max);
                sum += e[j];
            }
            for (int j = 0; j < cols; j++) {
                float p = (float) (e[j] / sum);
                float label = y.get(yRow + j);
                delta.put(deltaRow + j, p - label);
                if (scoring && label != 0f) {
                    loss -= label * Math.log(Math.min(Math.max(p, clipEps), 1.0 - clipEps));
                }
            }
        }
        return scoring ? loss : Double.NaN;
    }
}
