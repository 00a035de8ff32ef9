package org.repro4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.repro4j.ReproException;
import org.repro4j.model.loss.MultiBinaryCrossEntropy;
import org.repro4j.model.loss.MultiClassHinge;

@ExtendWith(DoublePrecisionExtension.class)
class GradientComparisonTest {
    private final DataSet data = SmallNetworks.randomData(10, SmallNetworks.N_IN, SmallNetworks.N_OUT, 3);

    /** Softmax cross-entropy whose gradient is twice the true one: a bug the comparison must expose. */
    static class DoubledGradientMCXENT extends LossMCXENT {
        @Override
        public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
            return super.computeGradient(labels, preOutput, activationFn, mask).muli(2.0);
        }

        @Override
        public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                IActivation activationFn, INDArray mask, boolean average) {
            return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                    computeGradient(labels, preOutput, activationFn, mask));
        }
    }

    private static void assertAgreement(List<ParamGradientStats> stats) {
        for (ParamGradientStats s : stats) {
            assertTrue(s.maxAbsDiff() < 1e-6, s.toString());
            assertTrue(s.maxRelError() < 1e-4, s.toString());
            assertTrue(s.gradStd() > 1e-3, "gradients should not be trivially zero: " + s);
        }
    }

    @Test
    void softmaxCrossEntropyWithL2AgreesPerParameterKey() {
        MultiLayerNetwork net = SmallNetworks.hiddenLayerNet(new LossMCXENT(), Activation.SOFTMAX, 0.3);
        List<ParamGradientStats> stats = GradientComparison.compare(net, data);

        assertEquals(List.of("0_W", "0_b", "1_W", "1_b"), stats.stream().map(ParamGradientStats::key).toList());
        assertEquals(List.of(20L, 5L, 15L, 3L), stats.stream().map(ParamGradientStats::count).toList());
        assertAgreement(stats);
    }

    @Test
    void customLossesAgreeToo() {
        assertAgreement(GradientComparison.compare(
                SmallNetworks.hiddenLayerNet(new MultiClassHinge(), Activation.IDENTITY, 0.1), data));
        assertAgreement(GradientComparison.compare(
                SmallNetworks.hiddenLayerNet(new MultiBinaryCrossEntropy(), Activation.SIGMOID, 0.1), data));
    }

    @Test
    void wrongGradientIsCaught() {
        MultiLayerNetwork net = SmallNetworks.hiddenLayerNet(new DoubledGradientMCXENT(), Activation.SOFTMAX, 0.0);
        for (ParamGradientStats s : GradientComparison.compare(net, data)) {
            // A doubled gradient 2n against n has relative error |2n - n| / (3|n|) = 1/3.
            assertTrue(s.maxRelError() > 0.3, s.toString());
            assertTrue(s.maxAbsDiff() > 1e-3, s.toString());
        }
    }

    @Test
    void parametersAndLossSettingsAreRestored() {
        LossMCXENT loss = new LossMCXENT();
        double clip = loss.getSoftmaxClipEps();
        MultiLayerNetwork net = SmallNetworks.hiddenLayerNet(loss, Activation.SOFTMAX, 0.1);
        INDArray before = net.params().dup();
        GradientComparison.compare(net, data, 1e-4);
        assertEquals(before, net.params());
        LossMCXENT liveLoss = (LossMCXENT) ((OutputLayer) net.getOutputLayer().conf().getLayer()).getLossFn();
        assertEquals(clip, liveLoss.getSoftmaxClipEps());
    }

    @Test
    void saturatedSoftmaxFromALargeInitStillAgrees() {
        // Like dd2424-gradcheck in miniature: 200 inputs, weights and biases N(0, 4), so logits differ by
        // tens and DL4J's default probability clipping would flatten the score of misclassified examples.
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(3).dataType(DataType.DOUBLE).updater(new NoOp())
                .weightInit(new NormalDistribution(0, 2)).biasInit(1.5)
                .list()
                .layer(new OutputLayer.Builder().lossFunction(new LossMCXENT()).activation(Activation.SOFTMAX)
                        .nIn(200).nOut(3).build())
                .build());
        net.init();
        DataSet wide = SmallNetworks.randomData(20, 200, 3, 9);
        List<ParamGradientStats> stats = GradientComparison.compare(net, wide);
        for (ParamGradientStats s : stats) {
            assertTrue(s.maxAbsDiff() < 1e-6, s.toString());
        }
        assertTrue(stats.get(0).gradStd() > 0.05, "the weight gradient should be far from flat: " + stats.get(0));
    }

    @Test
    void outputLayerShortcutScoresLikeDl4j() {
        MultiLayerNetwork net = SmallNetworks.hiddenLayerNet(new LossMCXENT(), Activation.SOFTMAX, 0.2);
        NetworkCost cost = new NetworkCost(net, data);
        List<ParamBlock> blocks = ParamBlock.of(net);
        ParamBlock weights = blocks.get(2);
        ParamBlock bias = blocks.get(3);
        assertEquals("1_W", weights.key());

        // W[2][1] of the f-ordered 5x3 output weights feeds output column 1.
        int w21 = weights.start() + 2 + 1 * SmallNetworks.N_HIDDEN;
        assertEquals(1, weights.lastDimensionIndex(w21));
        double original = net.params().getDouble(w21);
        net.params().putScalar(w21, 0.7);
        assertEquals(0.7, net.getParam("1_W").getDouble(2, 1));
        assertEquals(net.score(data, false), cost.evaluate(weights, w21), 1e-13);
        net.params().putScalar(w21, original);

        // The shortcut's contract: one parameter differs from the state it was built in.
        int b2 = bias.start() + 2;
        net.params().putScalar(b2, -0.4);
        assertEquals(net.score(data, false), cost.evaluate(bias, b2), 1e-13);
    }

    @Test
    void unusableInputsAreRejectedWithAFix() {
        MultiLayerNetwork net = SmallNetworks.hiddenLayerNet(new LossMCXENT(), Activation.SOFTMAX, 0.0);
        assertThrows(ReproException.class, () -> GradientComparison.compare(net, data, 0.0));
        assertThrows(ReproException.class, () -> GradientComparison.compare(net, data, Double.NaN));

        MultiLayerNetwork floatNet = new MultiLayerNetwork(
                SmallNetworks.hiddenLayerConf(new LossMCXENT(), Activation.SOFTMAX, 0.0).clone());
        floatNet.getLayerWiseConfigurations().setDataType(DataType.FLOAT);
        floatNet.init();
        ReproException precision = assertThrows(ReproException.class, () -> GradientComparison.compare(floatNet, data));
        assertTrue(precision.getMessage().contains("DataType.DOUBLE"), precision.getMessage());

        MultiLayerConfiguration withDropout = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).dropOut(0.5).build())
                .layer(new OutputLayer.Builder().lossFunction(new LossMCXENT()).activation(Activation.SOFTMAX)
                        .nIn(5).nOut(3).build())
                .build();
        MultiLayerNetwork dropoutNet = new MultiLayerNetwork(withDropout);
        dropoutNet.init();
        assertThrows(ReproException.class, () -> GradientComparison.compare(dropoutNet, data));
    }
}
