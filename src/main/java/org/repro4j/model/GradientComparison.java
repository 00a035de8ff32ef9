package org.repro4j.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.repro4j.ReproException;

/**
 * Compares a network's analytic gradient with a central-difference numerical gradient, per
 * parameter array, as in the DD2424 gradient check (experiment dd2424-gradcheck).
 *
 * <p>Both sides use the same cost, the one DL4J reports as the score: mean data loss over the
 * examples plus the regularisation terms. In DL4J 1.0.0-M2.1 that needs care on the analytic
 * side: {@code computeGradientAndScore()} returns the gradient of the <em>summed</em> loss
 * without the regularisation gradient (the updater divides by the batch size and adds e.g.
 * l2 * W before applying it), while its score is already averaged and includes the
 * regularisation. So the analytic gradient here is that gradient divided by the batch size
 * (when the configuration is in mini-batch mode, the default) plus each parameter's
 * regularisation gradient, applied with DL4J's own {@code Regularization.apply}.
 *
 * <p>DL4J's softmax cross-entropy ({@code LossMCXENT}) and binary cross-entropy clip
 * probabilities in their score but not in their gradient; with a large initialisation (the
 * report's N(0, 4)) the softmax saturates and the clipped score is flat where the gradient is
 * not. As DL4J's own {@code GradientCheckUtil} does, the comparison turns that clipping off for
 * its duration (and, unlike it, restores it afterwards), so the cost compared is the
 * mathematical one.
 *
 * <p>Choosing h: the default 1e-6 suits costs of order 1-100. Round-off in the cost, about
 * 1e-16 |J|, is divided by 2h, so a large L2 term (lambda 0.1 on 30,720 N(0, 4) weights gives
 * |J| ~ 1e4) limits agreement to ~1e-6 at h = 1e-6; h = 1e-4 brings it back to ~1e-8 there.
 *
 * <p>The numerical gradient perturbs every entry of the network's own {@code params()} view in
 * place, by +h and -h, evaluates the inference-mode score ({@link NetworkCost}) and restores the
 * entry. Networks whose training and inference forward passes differ (dropout, weight noise,
 * batch normalisation) are refused, because the analytic gradient comes from a training pass.
 */
public final class GradientComparison {
    /** Default central-difference step, small enough for double precision yet far above round-off. */
    public static final double DEFAULT_STEP = 1e-6;

    private GradientComparison() {
    }

    /** {@link #compare(MultiLayerNetwork, DataSet, double)} with step {@link #DEFAULT_STEP}. */
    public static List<ParamGradientStats> compare(MultiLayerNetwork net, DataSet data) {
        return compare(net, data, DEFAULT_STEP);
    }

    /**
     * Analytic vs numerical gradient of the network's cost on {@code data}, one entry per
     * parameter key ("0_W", "0_b", ...) in the network's parameter order. The network's
     * parameters and loss settings are unchanged afterwards; its stored gradient, input and
     * labels are not.
     *
     * @param net  an initialised network in double precision
     * @param data the examples the cost is averaged over (cast to the network's data type)
     * @param h    central-difference step, &gt; 0
     */
    public static List<ParamGradientStats> compare(MultiLayerNetwork net, DataSet data, double h) {
        requireComparable(net, h);
        DataSet examples = inDataType(data, net.params().dataType());
        List<ParamBlock> blocks = ParamBlock.of(net);
        ILossFunction loss = outputLoss(net);
        double savedClip = setProbabilityClipping(loss, 0.0);
        try {
            double[] analytic = analyticGradient(net, examples, blocks);
            double[] numerical = numericalGradient(net, examples, blocks, h);
            List<ParamGradientStats> stats = new ArrayList<>();
            for (ParamBlock block : blocks) {
                stats.add(ParamGradientStats.of(block.key(),
                        Arrays.copyOfRange(analytic, block.start(), block.end()),
                        Arrays.copyOfRange(numerical, block.start(), block.end())));
            }
            return stats;
        } finally {
            setProbabilityClipping(loss, savedClip);
        }
    }

    private static double[] analyticGradient(MultiLayerNetwork net, DataSet data, List<ParamBlock> blocks) {
        net.setInput(data.getFeatures());
        net.setLabels(data.getLabels());
        net.setLayerMaskArrays(data.getFeaturesMaskArray(), data.getLabelsMaskArray());
        net.computeGradientAndScore();
        double[] gradient = net.gradient().gradient().dup().toDoubleVector();
        net.clearLayerMaskArrays();

        if (net.getOutputLayer().conf().isMiniBatch()) {
            double batchSize = data.getFeatures().size(0);
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] /= batchSize;
            }
        }
        for (ParamBlock block : blocks) {
            double[] regularisation = block.regularisationGradient();
            for (int i = 0; i < regularisation.length; i++) {
                gradient[block.start() + i] += regularisation[i];
            }
        }
        return gradient;
    }

    private static double[] numericalGradient(MultiLayerNetwork net, DataSet data, List<ParamBlock> blocks,
            double h) {
        NetworkCost cost = new NetworkCost(net, data);
        INDArray params = net.params();
        double[] gradient = new double[(int) params.length()];
        for (ParamBlock block : blocks) {
            for (int i = block.start(); i < block.end(); i++) {
                double original = params.getDouble(i);
                double up = original + h;
                double down = original - h;
                try {
                    params.putScalar(i, up);
                    double costUp = cost.evaluate(block, i);
                    params.putScalar(i, down);
                    double costDown = cost.evaluate(block, i);
                    // Divide by the step actually taken: (x + h) - (x - h) is not exactly 2h in floating point.
                    gradient[i] = (costUp - costDown) / (up - down);
                } finally {
                    params.putScalar(i, original);
                }
            }
        }
        return gradient;
    }

    private static ILossFunction outputLoss(MultiLayerNetwork net) {
        org.deeplearning4j.nn.conf.layers.Layer conf = net.getOutputLayer().conf().getLayer();
        return conf instanceof BaseOutputLayer output ? output.getLossFn() : null;
    }

    /** Sets the probability clipping of DL4J's cross-entropy losses, returning the old value (0 for other losses). */
    private static double setProbabilityClipping(ILossFunction loss, double clip) {
        if (loss instanceof LossMCXENT mcxent) {
            double old = mcxent.getSoftmaxClipEps();
            mcxent.setSoftmaxClipEps(clip);
            return old;
        }
        if (loss instanceof LossBinaryXENT xent) {
            double old = xent.getClipEps();
            xent.setClipEps(clip);
            return old;
        }
        return 0.0;
    }

    private static void requireComparable(MultiLayerNetwork net, double h) {
        if (!(h > 0.0) || Double.isInfinite(h)) {
            throw new ReproException("gradient check step h is " + h + " but must be a finite number > 0 (e.g. "
                    + DEFAULT_STEP + ").");
        }
        if (net.getLayers() == null || net.params() == null) {
            throw new IllegalStateException("the network must be initialised (net.init()) before a gradient check");
        }
        if (net.params().dataType() != DataType.DOUBLE) {
            throw new ReproException("gradient check needs a double-precision network, but its parameters are "
                    + net.params().dataType() + "; build the configuration with .dataType(DataType.DOUBLE).");
        }
        for (Layer layer : net.getLayers()) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            boolean weightNoise = conf instanceof BaseLayer base && base.getWeightNoise() != null;
            if (conf.getIDropout() != null || weightNoise || conf instanceof BatchNormalization) {
                throw new ReproException("gradient check: layer " + layer.getIndex() + " ("
                        + conf.getClass().getSimpleName() + ") uses dropout, weight noise or batch normalisation, "
                        + "whose training pass differs from inference; remove them from the gradient-check network.");
            }
        }
    }

    private static DataSet inDataType(DataSet data, DataType type) {
        if (data.getFeatures() == null || data.getLabels() == null || data.numExamples() == 0) {
            throw new ReproException("gradient check needs a data set with features and labels and at least "
                    + "one example.");
        }
        return new DataSet(castIfNeeded(data.getFeatures(), type), castIfNeeded(data.getLabels(), type),
                castIfNeeded(data.getFeaturesMaskArray(), type), castIfNeeded(data.getLabelsMaskArray(), type));
    }

    private static INDArray castIfNeeded(INDArray array, DataType type) {
        return array == null || array.dataType() == type ? array : array.castTo(type);
    }
}
