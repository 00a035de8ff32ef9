package org.repro4j.model.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.util.stream.Stream;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.repro4j.model.DoublePrecisionExtension;
import org.repro4j.model.SmallNetworks;

/** DL4J stores losses by class name ("@class") with the shaded Jackson; both custom losses must come back equal. */
@ExtendWith(DoublePrecisionExtension.class)
class LossSerializationTest {

    static Stream<ILossFunction> losses() {
        return Stream.of(new MultiClassHinge(), new MultiBinaryCrossEntropy(), new MultiBinaryCrossEntropy(1e-3));
    }

    private static ILossFunction outputLoss(MultiLayerConfiguration conf) {
        return ((OutputLayer) conf.getConf(conf.getConfs().size() - 1).getLayer()).getLossFn();
    }

    @ParameterizedTest
    @MethodSource("losses")
    void jsonAndYamlRoundTripKeepTheLoss(ILossFunction loss) {
        MultiLayerConfiguration conf = SmallNetworks.hiddenLayerConf(loss, Activation.SIGMOID, 0.0);
        String json = conf.toJson();
        assertTrue(json.contains(loss.getClass().getName()), json);

        MultiLayerConfiguration fromJson = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, fromJson);
        assertEquals(loss, outputLoss(fromJson));
        assertEquals(loss.getClass(), outputLoss(fromJson).getClass());

        MultiLayerConfiguration fromYaml = MultiLayerConfiguration.fromYaml(conf.toYaml());
        assertEquals(loss, outputLoss(fromYaml));
    }

    @ParameterizedTest
    @MethodSource("losses")
    void modelZipRoundTripKeepsLossAndOutputs(ILossFunction loss, @TempDir File dir) throws IOException {
        MultiLayerNetwork net = SmallNetworks.hiddenLayerNet(loss, Activation.SIGMOID, 0.0);
        File zip = new File(dir, "model.zip");
        ModelSerializer.writeModel(net, zip, false);

        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(zip, false);
        assertEquals(net.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
        assertEquals(loss, outputLoss(restored.getLayerWiseConfigurations()));
        assertEquals(net.params(), restored.params());

        INDArray input = SmallNetworks.randomData(3, SmallNetworks.N_IN, SmallNetworks.N_OUT, 1).getFeatures();
        assertEquals(net.output(input), restored.output(input));
    }

    @Test
    void equalityFollowsTheSettings() {
        assertEquals(new MultiClassHinge(), new MultiClassHinge());
        assertEquals(new MultiClassHinge().hashCode(), new MultiClassHinge().hashCode());
        assertEquals(new MultiBinaryCrossEntropy(), new MultiBinaryCrossEntropy(MultiBinaryCrossEntropy.DEFAULT_CLIP_EPS));
        assertNotEquals(new MultiBinaryCrossEntropy(), new MultiBinaryCrossEntropy(1e-3));
        assertNotEquals(new MultiClassHinge(), new MultiBinaryCrossEntropy());
        assertEquals("MultiClassHinge()", new MultiClassHinge().name());
    }
}
