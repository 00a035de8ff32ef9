package org.repro4j.model.loss;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossUtil;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.repro4j.ReproException;

/**
 * "Multiple binary cross-entropy": each of the K outputs is an independent binary classifier
 * (meant for the sigmoid activation), and the per-example loss is their mean,
 * <pre>  l = -(1/K) sum_k [ (1 - y_k) log(1 - p_k) + y_k log(p_k) ]</pre>
 * so with sigmoid the gradient with respect to the pre-output is (p - y) / K.
 *
 * <p>Unlike DL4J's {@code LossBinaryXENT}, which sums the K terms, this divides by K, so its
 * score and gradient are 1/K of that loss's (this matters for the learning rate).
 *
 * <p>Numerics: sigmoid is special-cased on both sides. Its score uses the identity
 * -[y log p + (1 - y) log(1 - p)] = softplus(z) - y z for the pre-output z, with softplus written
 * overflow-free, so the score is exact and finite for any z (no clipping, hence also exactly
 * consistent with the gradient); its gradient is the closed form (p - y) / K. Other activations
 * clip p to [clipEps, 1 - clipEps] (default 1e-5, as DL4J's {@code LossBinaryXENT}) so log never
 * sees 0, and back-propagate dL/dp = (p - y) / (K p (1 - p)) through the activation.
 *
 * <p>Conventions follow DL4J: {@link #computeScore} sums over the batch and divides by the
 * number of rows when {@code average} is true. A mask may be per example ([N, 1]) or per output
 * ([N, K]); masked terms contribute nothing (K stays the number of outputs). Labels must be 0 or 1
 * where the mask keeps the term; anything else throws an {@link IllegalArgumentException} naming the row.
 */
public class MultiBinaryCrossEntropy implements ILossFunction {
    private static final long serialVersionUID = 1L;
    private static final String NAME = "MultiBinaryCrossEntropy";
    public static final double DEFAULT_CLIP_EPS = 1e-5;

    @JsonProperty("clipEps")
    private final double clipEps;

    /** The loss with the default clipping epsilon {@value #DEFAULT_CLIP_EPS}. */
    public MultiBinaryCrossEntropy() {
        this(DEFAULT_CLIP_EPS);
    }

    /**
     * @param clipEps for activations other than sigmoid, probabilities are clipped to
     *                [clipEps, 1 - clipEps]; 0 &lt;= clipEps &lt; 0.5
     */
    @JsonCreator
    public MultiBinaryCrossEntropy(@JsonProperty("clipEps") double clipEps) {
        if (!(clipEps >= 0.0 && clipEps < 0.5)) {
            throw new ReproException(NAME + ": clipEps is " + clipEps
                    + " but must be in [0, 0.5); use a small value such as " + DEFAULT_CLIP_EPS + ".");
        }
        this.clipEps = clipEps;
    }

    public double getClipEps() {
        return clipEps;
    }

    private INDArray clippedProbabilities(INDArray preOutput, IActivation activationFn) {
        INDArray p = activationFn.getActivation(preOutput.dup(), true);
        if (clipEps > 0.0) {
            Transforms.max(p, clipEps, false);
            Transforms.min(p, 1.0 - clipEps, false);
        }
        return p;
    }

    /** Per-element terms -(1/K)[(1 - y) log(1 - p) + y log p], masked; shape [N, K]. */
    private INDArray scoreTerms(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray y = binaryLabels(labels, preOutput, mask);
        INDArray crossEntropy;
        if (activationFn instanceof ActivationSigmoid) {
            crossEntropy = softplus(preOutput).subi(preOutput.mul(y));
        } else {
            INDArray p = clippedProbabilities(preOutput, activationFn);
            INDArray positive = Transforms.log(p, true).muli(y);
            INDArray negative = Transforms.log(p.rsub(1.0), false).muli(y.rsub(1.0));
            crossEntropy = positive.addi(negative).negi();
        }
        INDArray terms = crossEntropy.muli(1.0 / preOutput.size(1));
        if (mask != null) {
            LossUtil.applyMask(terms, mask);
        }
        return terms;
    }

    /** log(1 + e^z) as max(z, 0) + log1p(e^-|z|): e^z would overflow for large z (z > 88 in float). */
    private static INDArray softplus(INDArray z) {
        INDArray expNegAbs = Transforms.exp(Transforms.abs(z, true).negi(), false);
        return Transforms.relu(z, true).addi(Transforms.log1p(expNegAbs, false));
    }

    /**
     * The labels in the pre-output's type, checked to be 0 or 1 wherever the mask (if any) keeps
     * the term: any other target is no binary outcome, and the formula would silently give a
     * meaningless (for a label above 1 even negative) loss. The fast check reads the labels once
     * on the heap; only a failing or masked batch is searched for the offending row.
     */
    private static INDArray binaryLabels(INDArray labels, INDArray preOutput, INDArray mask) {
        INDArray y = LossArguments.labelsMatching(labels, preOutput, NAME);
        if (LossArguments.allZeroOrOne(y)) {
            return y;
        }
        long rows = y.size(0);
        long columns = y.size(1);
        boolean perExample = mask != null && LossArguments.isPerExample(mask, preOutput);
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < columns; j++) {
                double v = y.getDouble(i, j);
                if (v == 0.0 || v == 1.0) {
                    continue;
                }
                boolean counts = mask == null || (perExample ? mask.getDouble(i) : mask.getDouble(i, j)) != 0.0;
                if (counts) {
                    throw new IllegalArgumentException(NAME + ": labels must be 0 or 1 (one binary target per output), "
                            + "but row " + i + " of " + rows + " is " + LossArguments.rowText(y, i)
                            + ". Give this loss 0/1 labels, e.g. one-hot class labels.");
                }
            }
        }
        return y;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
            boolean average) {
        double total = scoreTerms(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? total / preOutput.size(0) : total;
    }

    /** Per-example losses as a column vector [N, 1]. */
    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return scoreTerms(labels, preOutput, activationFn, mask).sum(true, 1);
    }

    /** Gradient of the (unaveraged) loss with respect to the pre-output, [N, K]. */
    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray y = binaryLabels(labels, preOutput, mask);
        double invK = 1.0 / preOutput.size(1);
        INDArray grad;
        if (activationFn instanceof ActivationSigmoid) {
            grad = Transforms.sigmoid(preOutput, true).subi(y).muli(invK);
        } else {
            INDArray p = clippedProbabilities(preOutput, activationFn);
            INDArray dLdp = p.sub(y).divi(p.mul(p.rsub(1.0))).muli(invK);
            if (mask != null && LossUtil.isPerOutputMasking(dLdp, mask)) {
                // Activations that mix outputs (softmax) would leak masked terms into the others.
                LossUtil.applyMask(dLdp, mask);
            }
            grad = activationFn.backprop(preOutput.dup(), dLdp).getFirst();
        }
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

    @Override
    public String name() {
        return toString();
    }

    @Override
    public String toString() {
        return NAME + "(clipEps=" + clipEps + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass()
                && Double.compare(clipEps, ((MultiBinaryCrossEntropy) other).clipEps) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * NAME.hashCode() + Double.hashCode(clipEps);
    }
}
