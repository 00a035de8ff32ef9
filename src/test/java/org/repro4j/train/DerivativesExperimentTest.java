package org.repro4j.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.SpecLoader;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The VU question 3 network: DL4J's derivatives at the handout's values equal the handout's answers. */
class DerivativesExperimentTest {
    private static final double FOUR_DECIMALS = 5e-5;

    @Test
    void vuQuestionThreeDerivativesMatchTheHandout() {
        ExperimentSpec spec = SpecLoader.load(Path.of("experiments/vu-q3.yaml"));
        MultiLayerNetwork net = DerivativesExperiment.network(spec.network(), spec.derivatives());
        DerivativesExperiment.Derivatives d = DerivativesExperiment.compute(net,
                DerivativesExperiment.example(spec.derivatives(), 2), spec.derivatives());

        assertMatrix(new double[][]{{0, 0, 0}, {0, 0, 0}}, d.byName().get("W"));
        assertMatrix(new double[][]{{0, 0, 0}}, d.byName().get("b"));
        assertMatrix(new double[][]{{-0.4404, 0.4404}, {-0.4404, 0.4404}, {-0.4404, 0.4404}}, d.byName().get("V"));
        assertMatrix(new double[][]{{-0.5, 0.5}}, d.byName().get("c"));
        // Both outputs get -0.8808 (= -sigmoid(2)), so the softmax is uniform: loss log 2.
        assertEquals(Math.log(2), d.loss(), 1e-12);
    }

    @Test
    void theGivenValuesAreWhatTheNetworkComputesWith() {
        ExperimentSpec spec = SpecLoader.load(Path.of("experiments/vu-q3.yaml"));
        MultiLayerNetwork net = DerivativesExperiment.network(spec.network(), spec.derivatives());
        // h = sigmoid(W^T x) = sigmoid(2) for every hidden unit; o = V^T h = -sigmoid(2) for both outputs.
        INDArray hidden = net.feedForward(DerivativesExperiment.example(spec.derivatives(), 2).getFeatures(), false).get(1);
        double h = 1 / (1 + Math.exp(-2));
        assertArrayEquals(new double[]{h, h, h}, hidden.toDoubleVector(), 1e-12);
        assertArrayEquals(new double[]{1, 1, -1, -1, -1, -1}, net.getLayer(1).getParam("W").dup('c').reshape(-1).toDoubleVector(), 0);
    }

    private static void assertMatrix(double[][] expected, INDArray actual) {
        double[][] a = actual.toDoubleMatrix();
        assertEquals(expected.length, a.length, "rows");
        for (int r = 0; r < expected.length; r++) {
            assertArrayEquals(expected[r], a[r], FOUR_DECIMALS, "row " + r);
        }
    }
}
