package org.repro4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.weightnoise.DropConnect;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.repro4j.ReproException;

/**
 * Every network the lean engine refuses, one per reason it gives (LeanLayer.of, LeanLayer's updater
 * and regulariser checks, LeanSgdStep's constructor): each is refused with a ReproException that
 * names the reason and points to training.engine: fit. And what it accepts: plain SGD with L2,
 * bias-less layers.
 */
class LeanRefusalsTest {
    private static final int N_IN = 4;
    private static final int N_HIDDEN = 5;
    private static final int N_OUT = 3;

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).updater(new Sgd(0.1));
    }

    private static DenseLayer.Builder dense() {
        return new DenseLayer.Builder().nIn(N_IN).nOut(N_HIDDEN).activation(Activation.SIGMOID);
    }

    private static OutputLayer.Builder output() {
        return new OutputLayer.Builder(LossFunction.MCXENT).nIn(N_HIDDEN).nOut(N_OUT).activation(Activation.SOFTMAX);
    }

    /** Dense then output, with the given changes to the global settings, the hidden layer and the list. */
    private static MultiLayerNetwork net(UnaryOperator<NeuralNetConfiguration.Builder> global,
                                         UnaryOperator<DenseLayer.Builder> hidden,
                                         Function<NeuralNetConfiguration.ListBuilder, MultiLayerConfiguration.Builder> list) {
        MultiLayerConfiguration conf = list.apply(global.apply(base()).list()
                .layer(hidden.apply(dense()).build())
                .layer(output().build())).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static MultiLayerNetwork withGlobal(UnaryOperator<NeuralNetConfiguration.Builder> global) {
        return net(global, h -> h, l -> l);
    }

    private static MultiLayerNetwork withHidden(UnaryOperator<DenseLayer.Builder> hidden) {
        return net(g -> g, hidden, l -> l);
    }

    /** The refusal's message, checked to be the lean engine's, naming the layer (if any) and the reason. */
    private static String refusal(MultiLayerNetwork net, String... parts) {
        String m = assertThrows(ReproException.class, () -> new LeanSgdStep(net)).getMessage();
        assertTrue(m.startsWith("training.engine 'lean' cannot train this network: ") && m.contains("training.engine: fit"), m);
        for (String part : parts) {
            assertTrue(m.contains(part), "names '" + part + "': " + m);
        }
        return m;
    }

    @Test
    void plainSgdWithL2AndBiasLessLayersIsAccepted() {
        // The control: what the refusals below change one thing of.
        new LeanSgdStep(withGlobal(g -> g.l2(0.1).l2Bias(0.01)));
        MultiLayerConfiguration conf = base().list()
                .layer(dense().hasBias(false).build())
                .layer(output().hasBias(false).build()).build();
        MultiLayerNetwork noBias = new MultiLayerNetwork(conf);
        noBias.init();
        new LeanSgdStep(noBias);
        new LeanSgdStep(withGlobal(g -> g.dataType(DataType.DOUBLE)));
    }

    @Test
    void momentumIsRefused() {
        refusal(withGlobal(g -> g.updater(new Nesterovs(0.1, 0.9))), "layer 0 updates its W parameters with Nesterovs",
                "plain SGD only");
    }

    @Test
    void anotherUpdaterForTheBiasAloneIsRefused() {
        refusal(withGlobal(g -> g.biasUpdater(new Nesterovs(0.1, 0.9))), "updates its b parameters with Nesterovs");
    }

    @Test
    void noOpUpdaterIsRefused() {
        refusal(withGlobal(g -> g.updater(new NoOp())), "with NoOp", "plain SGD only");
    }

    @Test
    void l1IsRefused() {
        refusal(withGlobal(g -> g.l1(0.01)), "regularises its W parameters with L1Regularization", "L2 only");
    }

    @Test
    void l1OnTheBiasIsRefused() {
        refusal(withGlobal(g -> g.l1Bias(0.01)), "regularises its b parameters with L1Regularization");
    }

    @Test
    void weightDecayIsRefused() {
        refusal(withGlobal(g -> g.weightDecay(0.001)), "regularises its W parameters with WeightDecay", "L2 only");
    }

    @Test
    void dropoutIsRefused() {
        refusal(withHidden(h -> h.dropOut(0.5)), "layer 0 (DenseLayer) uses dropout");
    }

    @Test
    void weightNoiseIsRefused() {
        refusal(withHidden(h -> h.weightNoise(new DropConnect(0.5))), "layer 0 (DenseLayer) uses weight noise");
    }

    @Test
    void gradientNormalizationIsRefused() {
        refusal(withHidden(h -> h.gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                        .gradientNormalizationThreshold(1.0)),
                "layer 0 (DenseLayer) uses gradient normalization ClipElementWiseAbsoluteValue");
    }

    @Test
    void parameterConstraintsAreRefused() {
        refusal(withHidden(h -> h.constrainWeights(new MaxNormConstraint(1.0, 1))),
                "layer 0 (DenseLayer) has parameter constraints");
    }

    @Test
    void layerNormalizationIsRefused() {
        refusal(withHidden(h -> h.hasLayerNorm(true)), "layer 0 (DenseLayer) uses layer normalization");
    }

    @Test
    void aHiddenLayerThatIsNotDenseIsRefused() {
        MultiLayerConfiguration conf = base().list()
                .layer(dense().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(output().build()).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        refusal(net, "layer 1 (ActivationLayer) is not a DenseLayer", "dense layers followed by one output layer");
    }

    @Test
    void aLastLayerThatIsNotAnOutputLayerIsRefused() {
        MultiLayerConfiguration conf = base().list()
                .layer(dense().build())
                .layer(new DenseLayer.Builder().nIn(N_HIDDEN).nOut(N_OUT).activation(Activation.SOFTMAX).build()).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        refusal(net, "layer 1 (DenseLayer) is not an OutputLayer");
    }

    @Test
    void anOutputLayerBeforeTheLastIsRefused() {
        MultiLayerConfiguration conf = base().list()
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(N_IN).nOut(N_HIDDEN)
                        .activation(Activation.SOFTMAX).build())
                .layer(output().build()).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        refusal(net, "layer 0 (OutputLayer) is not a DenseLayer");
    }

    @Test
    void halfPrecisionParametersAreRefused() {
        refusal(withGlobal(g -> g.dataType(DataType.HALF)), "its parameters are HALF (float or double needed)");
    }

    @Test
    void truncatedBackpropagationThroughTimeIsRefused() {
        refusal(net(g -> g, h -> h, l -> l.backpropType(BackpropType.TruncatedBPTT).tBPTTLength(5)),
                "truncated backpropagation through time");
    }

    @Test
    void inputPreProcessorsAreRefused() {
        refusal(net(g -> g, h -> h, l -> l.inputPreProcessor(0, new CnnToFeedForwardPreProcessor(2, 2, 1))),
                "it has input pre-processors");
    }

    /** DL4J M2.1's {@code params()} of a network without {@code init()} is an empty array, not null. */
    @Test
    void aNetworkThatWasNotInitialisedIsRefused() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list().layer(dense().build()).layer(output().build()).build());
        String m = assertThrows(IllegalStateException.class, () -> new LeanSgdStep(net)).getMessage();
        assertEquals("call net.init() before creating a LeanSgdStep", m);
    }
}
