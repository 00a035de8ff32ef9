package org.repro4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.repro4j.ReproException;
import org.repro4j.spec.L2Convention;

@ExtendWith(DoublePrecisionExtension.class)
class L2ConventionTest {
    private static final double LAMBDA = 0.25;
    // A 3-input, 2-class softmax layer and two examples, all chosen by hand.
    private static final double[][] W = {{0.1, -0.2}, {0.3, 0.4}, {-0.5, 0.6}};
    private static final double[] B = {0.05, -0.05};
    private static final double[][] X = {{1.0, 2.0, -1.0}, {0.5, -1.5, 2.0}};
    private static final int[] Y = {0, 1};

    private static double meanCrossEntropy() {
        double total = 0;
        for (int n = 0; n < X.length; n++) {
            double[] z = new double[B.length];
            for (int k = 0; k < B.length; k++) {
                z[k] = B[k];
                for (int i = 0; i < W.length; i++) {
                    z[k] += X[n][i] * W[i][k];
                }
            }
            double logSumExp = Math.log(Math.exp(z[0]) + Math.exp(z[1]));
            total += logSumExp - z[Y[n]];
        }
        return total / X.length;
    }

    private static double sumOfSquaredWeights() {
        double sum = 0;
        for (double[] row : W) {
            for (double w : row) {
                sum += w * w;
            }
        }
        return sum;
    }

    private static double dl4jScore(L2Convention convention) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .l2(convention.dl4jL2(LAMBDA)).l2Bias(0)
                .list()
                .layer(new OutputLayer.Builder().lossFunction(new LossMCXENT()).activation(Activation.SOFTMAX)
                        .nIn(3).nOut(2).build())
                .build());
        net.init();
        net.getParam("0_W").assign(Nd4j.createFromArray(W));
        net.getParam("0_b").assign(Nd4j.createFromArray(B).reshape(net.getParam("0_b").shape()));
        DataSet data = new DataSet(Nd4j.createFromArray(X),
                Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}}));
        return net.score(data);
    }

    @Test
    void sumConventionScoresLambdaTimesSumOfSquares() {
        double expected = meanCrossEntropy() + LAMBDA * sumOfSquaredWeights();
        assertEquals(expected, dl4jScore(L2Convention.SUM_W2), 1e-12);
        assertEquals(LAMBDA * sumOfSquaredWeights(), L2Convention.SUM_W2.penalty(LAMBDA, sumOfSquaredWeights()), 1e-15);
    }

    @Test
    void halfConventionScoresHalfLambdaTimesSumOfSquares() {
        double expected = meanCrossEntropy() + LAMBDA / 2 * sumOfSquaredWeights();
        assertEquals(expected, dl4jScore(L2Convention.HALF_SUM_W2), 1e-12);
        assertEquals(LAMBDA / 2 * sumOfSquaredWeights(),
                L2Convention.HALF_SUM_W2.penalty(LAMBDA, sumOfSquaredWeights()), 1e-15);
    }

    @ParameterizedTest
    @EnumSource(L2Convention.class)
    void invalidLambdaIsRejected(L2Convention convention) {
        assertEquals(0.0, convention.dl4jL2(0.0));
        assertThrows(ReproException.class, () -> convention.dl4jL2(-0.1));
        assertThrows(ReproException.class, () -> convention.dl4jL2(Double.NaN));
        assertThrows(ReproException.class, () -> convention.dl4jL2(Double.POSITIVE_INFINITY));
    }
}
