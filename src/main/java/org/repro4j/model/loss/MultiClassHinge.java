package org.repro4j.model.loss;

import java.util.Arrays;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossUtil;
import org.nd4j.linalg.ops.transforms.Transforms;
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
 * [N, 1]) and zeroes that example's score and gradient. Labels must be one-hot.
 *
 * <p>The class has no state; a public no-arg constructor, {@code equals}/{@code hashCode} and
 * {@code toString} let DL4J's JSON and model-zip serialisation round-trip it.
 */
public class MultiClassHinge implements ILossFunction {
    private static final long serialVersionUID = 1L;
    private static final String NAME = "MultiClassHinge";

    public MultiClassHinge() {
    }

    /** Per-element hinge terms max(0, s_j - s_y + 1) for j != y, 0 at j == y; shape [N, K]. */
    private INDArray hingeTerms(INDArray labels, INDArray scores) {
        INDArray trueClassScore = scores.mul(labels).sum(true, 1);
        INDArray margins = scores.subColumnVector(trueClassScore).addi(1.0);
        Transforms.max(margins, 0.0, false);
        return margins.muli(labels.rsub(1.0));
    }

    private INDArray maskedScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray y = LossArguments.labelsMatching(labels, preOutput, NAME);
        checkMask(mask, preOutput);
        INDArray perExample = hingeTerms(y, activationFn.getActivation(preOutput.dup(), true)).sum(true, 1);
        if (mask != null) {
            LossUtil.applyMask(perExample, mask);
        }
        return perExample;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
            boolean average) {
        INDArray perExample = maskedScoreArray(labels, preOutput, activationFn, mask);
        double total = perExample.sumNumber().doubleValue();
        return average ? total / perExample.size(0) : total;
    }

    /** Per-example losses as a column vector [N, 1]. */
    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return maskedScoreArray(labels, preOutput, activationFn, mask);
    }

    /** Gradient of the (unaveraged) loss with respect to the pre-output, [N, K]. */
    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray y = LossArguments.labelsMatching(labels, preOutput, NAME);
        checkMask(mask, preOutput);
        INDArray scores = activationFn.getActivation(preOutput.dup(), true);
        // Strictly positive terms are the active hinges (see class doc for the tie rule).
        INDArray active = hingeTerms(y, scores).gt(0.0).castTo(scores.dataType());
        INDArray activeCount = active.sum(true, 1);
        INDArray dLdScores = active.subi(y.mulColumnVector(activeCount));
        INDArray grad = activationFn.backprop(preOutput.dup(), dLdScores).getFirst();
        if (mask != null) {
            LossUtil.applyMask(grad, mask);
        }
        return grad;
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
