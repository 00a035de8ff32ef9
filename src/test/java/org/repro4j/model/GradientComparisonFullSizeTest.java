package org.repro4j.model;

import org.repro4j.spec.L2Convention;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The dd2424-gradcheck setting at full size: one 3072-10 softmax layer, weights and biases
 * N(0, 4), on random N(0, 1) inputs; every one of the 30,730 parameters is checked. Tagged
 * "full" (make test-full) because each comparison takes 10-20 s on a shared 2-core machine. The time
 * each comparison took is printed, not asserted.
 */
@Tag("full")
@ExtendWith(DoublePrecisionExtension.class)
class GradientComparisonFullSizeTest {

    private static MultiLayerNetwork cifarSizedLayer(double l2) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(1).dataType(DataType.DOUBLE).updater(new NoOp())
                .weightInit(new NormalDistribution(0, 2))
                .l2(l2).l2Bias(0)
                .list()
                .layer(new OutputLayer.Builder().lossFunction(new LossMCXENT()).activation(Activation.SOFTMAX)
                        .nIn(3072).nOut(10).build())
                .build());
        net.init();
        Nd4j.getRandom().setSeed(2);
        net.getParam("0_b").assign(Nd4j.randn(DataType.DOUBLE, 1, 10).muli(2));
        return net;
    }

    /** The comparison, with the time it took printed (speed is measured by make bench, not asserted here). */
    private static List<ParamGradientStats> timedCompare(String label, MultiLayerNetwork net, DataSet data, double h) {
        long start = System.nanoTime();
        List<ParamGradientStats> stats = GradientComparison.compare(net, data, h);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: 30,730 params, %d examples, h=%g: %.1f s%n", label, data.numExamples(), h, seconds);
        stats.forEach(System.out::println);
        return stats;
    }

    @Test
    void fullCifarSizedLayerIsAccurate() {
        DataSet data = SmallNetworks.randomData(100, 3072, 10, 5);
        for (ParamGradientStats s : timedCompare("no L2", cifarSizedLayer(0.0), data, GradientComparison.DEFAULT_STEP)) {
            assertTrue(s.maxAbsDiff() < 1e-6, s.toString());
        }
    }

    /**
     * With lambda = 0.1 the L2 term makes the cost ~1.2e4, and its round-off (~2e-12) over
     * 2h = 2e-6 alone gives ~1e-6 differences; a larger step (the L2 term is quadratic, so
     * it adds no truncation error) restores ~1e-8 agreement.
     */
    @Test
    void withL2ALargerStepAvoidsRoundOff() {
        DataSet data = SmallNetworks.randomData(20, 3072, 10, 5);
        MultiLayerNetwork net = cifarSizedLayer(L2Convention.SUM_W2.dl4jL2(0.1));
        for (ParamGradientStats s : timedCompare("L2 lambda 0.1", net, data, 1e-4)) {
            assertTrue(s.maxAbsDiff() < 1e-6, s.toString());
        }
    }
}
