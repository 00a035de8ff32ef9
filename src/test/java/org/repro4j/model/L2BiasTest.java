package org.repro4j.model;

import org.repro4j.spec.LayerType;
import org.repro4j.spec.Activation;
import org.repro4j.spec.Loss;
import org.repro4j.spec.Init;
import org.repro4j.spec.L2Convention;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.repro4j.spec.NetworkSpec;
import org.repro4j.spec.TrainingSpec;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code training.l2.bias}: the TDT4265 code's L2 term covers its bias row, DD2424's does not. */
class L2BiasTest {
    private static final NetworkSpec SOFTMAX = new NetworkSpec(3, new NetworkSpec.InitSpec(Init.NORMAL, 1.0), 0.0,
            List.of(new NetworkSpec.LayerSpec(LayerType.OUTPUT, 2, Activation.SOFTMAX, Loss.MCXENT)));

    @Test
    void theL2TermCoversTheBiasesOnlyWhenAsked() {
        for (boolean bias : new boolean[]{false, true}) {
            TrainingSpec t = new TrainingSpec("sgd", 0.1, null, new TrainingSpec.L2Spec(2.0, L2Convention.SUM_W2, bias), 1, 1,
                    false, false, null, null);
            MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(SOFTMAX, t, DataType.DOUBLE, 1));
            net.init();
            net.getLayer(0).getParam("b").assign(0.5);
            double w = net.getLayer(0).getParam("W").norm2Number().doubleValue();
            double b = net.getLayer(0).getParam("b").norm2Number().doubleValue();
            // sum-w2: lambda * sum of squares, lambda = 2.
            double expected = 2.0 * (w * w + (bias ? b * b : 0));
            assertEquals(expected, net.calcRegularizationScore(true), 1e-12, "bias regularised: " + bias);
        }
    }
}
