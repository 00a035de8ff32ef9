package org.repro4j.train;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.repro4j.ReproException;

/**
 * One dense or output layer of a {@code MultiLayerNetwork} as the lean SGD step sees it: its
 * weight matrix W [nIn, nOut] (column-major, a view into the network's flattened parameters),
 * its bias b, its activation, and per parameter the SGD learning rate and L2 coefficient read
 * from the layer's own configuration at a given iteration and epoch, as DL4J's updater reads
 * them.
 *
 * <p>{@link #of} refuses, naming the layer and the setting, anything the lean step does not
 * reproduce exactly: another layer type, another updater than plain SGD, dropout, weight noise,
 * layer norm, gradient normalisation, constraints, and regularisation other than L2.
 */
final class LeanLayer {
    final int index;
    final int nIn;
    final int nOut;
    final INDArray weights;
    /** Null when the layer has no bias. */
    final INDArray bias;
    final IActivation activation;
    /** The output layer's loss; null for hidden layers. */
    final ILossFunction loss;
    final Pointer weightsPointer;
    final Pointer biasPointer;
    private final Sgd weightUpdater;
    private final Sgd biasUpdater;
    private final List<L2Regularization> weightL2;
    private final List<L2Regularization> biasL2;

    private LeanLayer(int index, Layer layer, BaseLayer conf, boolean hasBias, ILossFunction loss) {
        this.index = index;
        this.weights = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
        this.bias = hasBias ? layer.getParam(DefaultParamInitializer.BIAS_KEY) : null;
        this.nIn = (int) weights.size(0);
        this.nOut = (int) weights.size(1);
        this.activation = conf.getActivationFn();
        this.loss = loss;
        this.weightUpdater = sgd(index, conf, DefaultParamInitializer.WEIGHT_KEY);
        this.biasUpdater = hasBias ? sgd(index, conf, DefaultParamInitializer.BIAS_KEY) : null;
        this.weightL2 = l2Only(index, conf, DefaultParamInitializer.WEIGHT_KEY);
        this.biasL2 = hasBias ? l2Only(index, conf, DefaultParamInitializer.BIAS_KEY) : List.of();
        requireDense(weights, 'f', "weights");
        if (bias != null) {
            requireDense(bias, bias.ordering(), "bias");
        }
        this.weightsPointer = Blas.pointer(weights);
        this.biasPointer = bias == null ? null : Blas.pointer(bias);
    }

    /** Layer {@code index} of a network, checked to be one the lean step trains exactly as {@code fit} does. */
    static LeanLayer of(int index, Layer layer, boolean last) {
        NeuralNetConfiguration nnc = layer.conf();
        org.deeplearning4j.nn.conf.layers.Layer conf = nnc.getLayer();
        String where = "layer " + index + " (" + conf.getClass().getSimpleName() + ")";
        boolean dense = conf instanceof DenseLayer && !last;
        boolean output = conf instanceof OutputLayer && last;
        if (!dense && !output) {
            throw unsupported(where + " is not " + (last ? "an OutputLayer" : "a DenseLayer")
                    + "; the lean step trains dense layers followed by one output layer");
        }
        BaseLayer base = (BaseLayer) conf;
        if (conf.getIDropout() != null) {
            throw unsupported(where + " uses dropout");
        }
        if (base.getWeightNoise() != null) {
            throw unsupported(where + " uses weight noise");
        }
        if (base.getGradientNormalization() != null && base.getGradientNormalization() != GradientNormalization.None) {
            throw unsupported(where + " uses gradient normalization " + base.getGradientNormalization());
        }
        if (conf.getConstraints() != null && !conf.getConstraints().isEmpty()) {
            throw unsupported(where + " has parameter constraints");
        }
        if (dense && ((DenseLayer) conf).hasLayerNorm()) {
            throw unsupported(where + " uses layer normalization");
        }
        boolean hasBias = dense ? ((DenseLayer) conf).hasBias() : ((BaseOutputLayer) conf).hasBias();
        ILossFunction loss = output ? ((BaseOutputLayer) conf).getLossFn() : null;
        return new LeanLayer(index, layer, base, hasBias, loss);
    }

    /** SGD step size of the weights at this iteration and epoch (learning-rate schedules included). */
    double weightLearningRate(int iteration, int epoch) {
        return weightUpdater.getLearningRate(iteration, epoch);
    }

    double biasLearningRate(int iteration, int epoch) {
        return biasUpdater.getLearningRate(iteration, epoch);
    }

    /** DL4J's L2 coefficient c of the weights (gradient + c * W), 0 without L2. */
    double weightL2(int iteration, int epoch) {
        return coefficient(weightL2, iteration, epoch);
    }

    double biasL2(int iteration, int epoch) {
        return coefficient(biasL2, iteration, epoch);
    }

    /** The L2 terms' share of DL4J's score, sum of c/2 ||p||^2 over this layer's parameters, as {@code fit} adds it. */
    double regularisationScore(int iteration, int epoch) {
        double sum = 0;
        for (L2Regularization l2 : weightL2) {
            sum += l2.score(weights, iteration, epoch);
        }
        for (L2Regularization l2 : biasL2) {
            sum += l2.score(bias, iteration, epoch);
        }
        return sum;
    }

    private static double coefficient(List<L2Regularization> terms, int iteration, int epoch) {
        double sum = 0;
        for (L2Regularization l2 : terms) {
            sum += l2.getL2().valueAt(iteration, epoch);
        }
        return sum;
    }

    private static Sgd sgd(int index, BaseLayer conf, String param) {
        IUpdater updater = conf.getUpdaterByParam(param);
        if (!(updater instanceof Sgd sgd)) {
            throw unsupported("layer " + index + " updates its " + param + " parameters with "
                    + (updater == null ? "no updater" : updater.getClass().getSimpleName())
                    + "; the lean step does plain SGD only");
        }
        return sgd;
    }

    private static List<L2Regularization> l2Only(int index, BaseLayer conf, String param) {
        List<Regularization> all = conf.getRegularizationByParam(param);
        List<L2Regularization> out = new ArrayList<>();
        for (Regularization r : all == null ? List.<Regularization>of() : all) {
            if (!(r instanceof L2Regularization l2)) {
                throw unsupported("layer " + index + " regularises its " + param + " parameters with "
                        + r.getClass().getSimpleName() + "; the lean step supports L2 only");
            }
            out.add(l2);
        }
        return out;
    }

    private void requireDense(INDArray array, char order, String what) {
        if (!Blas.isDense(array, order)) {
            throw new IllegalStateException("layer " + index + " " + what + " are not a dense '" + order
                    + "'-order view of the network's parameters (shape " + array.shapeInfoToString() + ")");
        }
    }

    static ReproException unsupported(String what) {
        return new ReproException("training.engine 'lean' cannot train this network: " + what
                + ". Set training.engine: fit in the experiment spec (DL4J's own fit handles every configuration).");
    }
}
