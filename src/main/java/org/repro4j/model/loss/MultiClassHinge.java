package org.repro4j.model.loss;

import java.util.Arrays;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.repro4j.ReproException;

/**
 * Multi-class SVM (Weston-Watkins / CS231n) hinge loss with margin 1: for one example with
 * one-hot label y and class scores s,
 * <pre>  l = sum over j != y of max(0, s_j - s_y + 1)</pre>
 * It is meant for the identity activation (the scores are the layer's pre-output), but, like
 * DL4J's own losses, it applies the layer's activation function to get s and back-propagates
 * through it, so any activation works.
 *
 * <p>Subgradient: at a hinge (s_j - s_y + 1 exactly 0) the term is treated as inactive, i.e.
 * the left side, derivative 0; only strictly positive margins contribute (+1 to s_j, -1 to s_y).
 *
 * <p>Conventions follow DL4J: {@link #computeScore} sums over the batch and divides by the
 * number of rows when {@code average} is true; a mask must have one value per example (shape
 * [N, 1]) and zeroes that example's score and gradient. Labels must be one-hot: any other row of an
 * example that counts (mask not 0) throws an {@link IllegalArgumentException} naming the row, since
 * the formula would silently score it as a blend of classes (or, for all zeros, against a true
 * score of 0). The check is part of the pass over the heap copy of the labels, so it costs no ND4J op.
 *
 * <p>The class has no state; a public no-arg constructor, {@code equals}/{@code hashCode} and
 * {@code toString} let DL4J's JSON and model-zip serialisation round-trip it.
 */
public class MultiClassHinge implements ILossFunction {
    private static final long serialVersionUID = 1L;
    private static final String NAME = "MultiClassHinge";

    public MultiClassHinge() {
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
            boolean average) {
        INDArray y = LossArguments.labelsMatching(labels, preOutput, NAME);
        checkMask(mask, preOutput);
        double total = 0;
        for (double term : Hinge.of(y, scores(preOutput, activationFn), mask, false).perExample) {
            total += term;
        }
        return average ? total / preOutput.size(0) : total;
    }

    /** Per-example losses as a column vector [N, 1]. */
    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray y = LossArguments.labelsMatching(labels, preOutput, NAME);
        checkMask(mask, preOutput);
        Hinge hinge = Hinge.of(y, scores(preOutput, activationFn), mask, false);
        return LossArguments.fromRowMajor(hinge.perExample, new long[] {preOutput.size(0), 1}, preOutput.dataType());
    }

    /** Gradient of the (unaveraged) loss with respect to the pre-output, [N, K]. */
    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray y = LossArguments.labelsMatching(labels, preOutput, NAME);
        checkMask(mask, preOutput);
        Hinge hinge = Hinge.of(y, scores(preOutput, activationFn), mask, true);
        INDArray dLdScores = LossArguments.fromRowMajor(hinge.dScores, preOutput.shape(), preOutput.dataType());
        if (activationFn instanceof ActivationIdentity) {
            return dLdScores;
        }
        return activationFn.backprop(preOutput.dup(), dLdScores).getFirst();
    }

    /** The class scores s: the pre-output itself for the identity activation, else the activation of a copy. */
    private static INDArray scores(INDArray preOutput, IActivation activationFn) {
        return activationFn instanceof ActivationIdentity ? preOutput : activationFn.getActivation(preOutput.dup(), true);
    }

    /**
     * The hinge terms of a batch and their derivative with respect to the scores, in one pass over
     * heap copies of the small [N, K] score and label matrices. Why not ND4J ops: at [100, 10] the
     * fixed cost of an ND4J op (about 10 us here) is the whole cost, and the array formulation
     * needs a dozen of them, 0.2 ms per call against 0.03 ms for DL4J's cross-entropy
     * ({@code bench/NOTES.md}). With one-hot labels y, per example:
     * term_j = max(0, s_j - s_y + 1) * (1 - y_j), active_j = term_j &gt; 0,
     * dl/ds_j = active_j - y_j * (number of active terms); a per-example mask scales both.
     */
    private record Hinge(double[] perExample, double[] dScores) {
        static Hinge of(INDArray labels, INDArray scores, INDArray mask, boolean withGradient) {
            int n = (int) scores.size(0);
            int k = (int) scores.size(1);
            double[] s = LossArguments.rowMajorCopy(scores);
            double[] y = LossArguments.rowMajorCopy(labels);
            double[] m = mask == null ? null : LossArguments.rowMajorCopy(mask);
            double[] perExample = new double[n];
            double[] d = withGradient ? new double[n * k] : null;
            for (int i = 0; i < n; i++) {
                int row = i * k;
                double trueScore = 0;
                for (int j = 0; j < k; j++) {
                    trueScore += s[row + j] * y[row + j];
                }
                double weight = m == null ? 1.0 : m[i];
                if (weight != 0.0 && !isOneHot(y, row, k)) {
                    throw new IllegalArgumentException(NAME + ": labels must be one-hot (a single 1, all other values 0, "
                            + "in each row), but row " + i + " of " + n + " is " + LossArguments.rowText(labels, i)
                            + ". Give this loss one-hot class labels.");
                }
                double sum = 0;
                int active = 0;
                for (int j = 0; j < k; j++) {
                    double term = Math.max(0.0, s[row + j] - trueScore + 1.0) * (1.0 - y[row + j]);
                    sum += term;
                    if (term > 0) {
                        active++;
                        if (d != null) {
                            d[row + j] = weight;
                        }
                    }
                }
                perExample[i] = weight * sum;
                if (d != null) {
                    for (int j = 0; j < k; j++) {
                        d[row + j] -= weight * y[row + j] * active;
                    }
                }
            }
            return new Hinge(perExample, d);
        }

        /** Exactly one 1 and otherwise 0s in y[row, row + k) (false for NaN). */
        private static boolean isOneHot(double[] y, int row, int k) {
            int ones = 0;
            for (int j = 0; j < k; j++) {
                double v = y[row + j];
                if (v == 1.0) {
                    ones++;
                } else if (v != 0.0) {
                    return false;
                }
            }
            return ones == 1;
        }
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
            IActivation activationFn, INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    private static void checkMask(INDArray mask, INDArray preOutput) {
        if (mask != null && !LossArguments.isPerExample(mask, preOutput)) {
            throw new ReproException(NAME + ": got a label mask of shape " + Arrays.toString(mask.shape())
                    + "; this loss couples all outputs of an example, so only a per-example mask of shape ["
                    + preOutput.size(0) + ", 1] is supported. Remove the per-output mask or use one column.");
        }
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public String toString() {
        return NAME + "()";
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return NAME.hashCode();
    }
}
