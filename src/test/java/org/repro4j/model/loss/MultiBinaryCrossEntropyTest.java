package org.repro4j.model.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.repro4j.ReproException;
import org.repro4j.model.DoublePrecisionExtension;
import org.repro4j.model.SmallNetworks;

@ExtendWith(DoublePrecisionExtension.class)
class MultiBinaryCrossEntropyTest {
    private static final double TOL = 1e-12;
    private static final double LN3 = Math.log(3);
    private final MultiBinaryCrossEntropy loss = new MultiBinaryCrossEntropy();

    // sigmoid(ln 3) = 0.75, sigmoid(0) = 0.5, sigmoid(-ln 3) = 0.25; K = 3.
    // Example 1: p = [.75, .5, .25], y = [1, 0, 0]:
    //   l = -(1/3)[log .75 + log .5 + log .75],   dl/dz = (p - y)/3 = [-.25, .5, .25]/3
    // Example 2: p = [.5, .25, .75], y = [0, 1, 0]:
    //   l = -(1/3)[log .5 + log .25 + log .25],   dl/dz = [.5, -.75, .75]/3
    private final INDArray preOutput = Nd4j.createFromArray(new double[][] {{LN3, 0, -LN3}, {0, -LN3, LN3}});
    private final INDArray labels = Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, 1, 0}});
    private final double loss1 = -(Math.log(0.75) + Math.log(0.5) + Math.log(0.75)) / 3;
    private final double loss2 = -(Math.log(0.5) + Math.log(0.25) + Math.log(0.25)) / 3;

    @Test
    void scoreMatchesHandComputedValues() {
        ActivationSigmoid sigmoid = new ActivationSigmoid();
        assertEquals(loss1 + loss2, loss.computeScore(labels, preOutput, sigmoid, null, false), 1e-9);
        assertEquals((loss1 + loss2) / 2, loss.computeScore(labels, preOutput, sigmoid, null, true), 1e-9);
        assertArrayEquals(new double[] {loss1, loss2},
                loss.computeScoreArray(labels, preOutput, sigmoid, null).toDoubleVector(), 1e-9);
    }

    @Test
    void sigmoidGradientIsPMinusYOverK() {
        INDArray grad = loss.computeGradient(labels, preOutput, new ActivationSigmoid(), null);
        assertArrayEquals(new double[] {-0.25 / 3, 0.5 / 3, 0.25 / 3}, grad.getRow(0).toDoubleVector(), TOL);
        assertArrayEquals(new double[] {0.5 / 3, -0.75 / 3, 0.75 / 3}, grad.getRow(1).toDoubleVector(), TOL);
    }

    @Test
    void worksInFloat() {
        INDArray floatPreOutput = preOutput.castTo(DataType.FLOAT);
        ActivationSigmoid sigmoid = new ActivationSigmoid();
        assertEquals((loss1 + loss2) / 2, loss.computeScore(labels, floatPreOutput, sigmoid, null, true), 1e-6);
        INDArray grad = loss.computeGradient(labels, floatPreOutput, sigmoid, null);
        assertEquals(DataType.FLOAT, grad.dataType());
        assertArrayEquals(new double[] {0.5 / 3, -0.75 / 3, 0.75 / 3}, grad.getRow(1).toDoubleVector(), 1e-6);
    }

    @Test
    void otherActivationsGoThroughDlDp() {
        // Identity activation: the pre-output is p itself, so dl/dz = dl/dp = (p - y) / (K p (1 - p)).
        INDArray p = Nd4j.createFromArray(new double[][] {{0.75, 0.5, 0.25}});
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 0, 0}});
        assertEquals(loss1, loss.computeScore(y, p, new ActivationIdentity(), null, false), 1e-9);
        double[] expected = {-0.25 / (3 * 0.75 * 0.25), 0.5 / (3 * 0.5 * 0.5), 0.25 / (3 * 0.25 * 0.75)};
        assertArrayEquals(expected, loss.computeGradient(y, p, new ActivationIdentity(), null).toDoubleVector(), TOL);
    }

    @Test
    void saturatedSigmoidOutputsGiveExactScoreAndGradient() {
        INDArray extreme = Nd4j.createFromArray(new double[][] {{-1000, 1000, 1000}});
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 0, 1}});
        // -log sigmoid(-1000) = 1000 and -log(1 - sigmoid(1000)) = 1000; the right output costs e^-1000 ~ 0.
        assertEquals(2000.0 / 3, loss.computeScore(y, extreme, new ActivationSigmoid(), null, false), 1e-9);
        assertArrayEquals(new double[] {-1.0 / 3, 1.0 / 3, 0.0},
                loss.computeGradient(y, extreme, new ActivationSigmoid(), null).toDoubleVector(), TOL);
    }

    @Test
    void otherActivationsClipProbabilities() {
        // Identity activation with p = 0 and 1 exactly: each wrong output costs -log(clipEps).
        INDArray p = Nd4j.createFromArray(new double[][] {{0.0, 1.0}});
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 0}});
        double expected = -Math.log(MultiBinaryCrossEntropy.DEFAULT_CLIP_EPS);
        assertEquals(expected, loss.computeScore(y, p, new ActivationIdentity(), null, false), 1e-9);
    }

    @Test
    void masksZeroTheirTerms() {
        ActivationSigmoid sigmoid = new ActivationSigmoid();
        INDArray perExample = Nd4j.createFromArray(new double[][] {{0}, {1}});
        assertEquals(loss2 / 2, loss.computeScore(labels, preOutput, sigmoid, perExample, true), 1e-9);
        INDArray perOutput = Nd4j.createFromArray(new double[][] {{1, 0, 1}, {1, 1, 1}});
        assertArrayEquals(new double[] {-(Math.log(0.75) + Math.log(0.75)) / 3, loss2},
                loss.computeScoreArray(labels, preOutput, sigmoid, perOutput).toDoubleVector(), 1e-9);
        assertArrayEquals(new double[] {-0.25 / 3, 0, 0.25 / 3},
                loss.computeGradient(labels, preOutput, sigmoid, perOutput).getRow(0).toDoubleVector(), TOL);
    }

    @Test
    void badClipEpsAndLabelWidthAreRejected() {
        assertThrows(ReproException.class, () -> new MultiBinaryCrossEntropy(0.5));
        assertThrows(ReproException.class, () -> new MultiBinaryCrossEntropy(-1e-3));
        assertThrows(ReproException.class,
                () -> loss.computeScore(Nd4j.zeros(2, 4), preOutput, new ActivationSigmoid(), null, true));
    }

    /**
     * Labels outside {0, 1}: before the check, 0.5 or 2.0 silently gave a cross-entropy against a
     * target that is no probability of a binary outcome (2.0 even a negative loss). The first row
     * is valid, so the message must name row 1 and the value found.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.5, 2.0, -1.0, 0.999, Double.NaN, Double.POSITIVE_INFINITY})
    void labelsOutsideZeroAndOneAreRejected(double bad) {
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, bad, 1}});
        INDArray probabilities = Nd4j.createFromArray(new double[][] {{0.75, 0.5, 0.25}, {0.5, 0.25, 0.75}});
        for (IActivation activation : new IActivation[] {new ActivationSigmoid(), new ActivationIdentity()}) {
            INDArray z = activation instanceof ActivationSigmoid ? preOutput : probabilities;
            for (Executable call : new Executable[] {
                    () -> loss.computeScore(y, z, activation, null, true),
                    () -> loss.computeScoreArray(y, z, activation, null),
                    () -> loss.computeGradient(y, z, activation, null),
                    () -> loss.computeGradient(y.castTo(DataType.FLOAT), z.castTo(DataType.FLOAT), activation, null)}) {
                String m = assertThrows(IllegalArgumentException.class, call).getMessage();
                assertTrue(m.contains("0 or 1") && m.contains("row 1") && m.contains(String.valueOf(bad)), m);
            }
        }
    }

    @Test
    void allZeroAndAllOneRowsAreValidLabels() {
        // Unlike one-hot labels, independent binary outputs may all be off or all on:
        // sigmoid(0) = 0.5 everywhere, so each term is -log 0.5 and the mean over K is log 2.
        INDArray z = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        INDArray y = Nd4j.createFromArray(new double[][] {{0, 0, 0}, {1, 1, 1}});
        assertEquals(2 * Math.log(2), loss.computeScore(y, z, new ActivationSigmoid(), null, false), 1e-12);
    }

    @Test
    void maskedLabelsAreNotChecked() {
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, 0.5, 0}});
        INDArray perOutput = Nd4j.createFromArray(new double[][] {{1, 1, 1}, {1, 0, 1}});
        // Row 1 without its middle term: outputs 0.5 and 0.75 with targets 0, i.e. -(log .5 + log .25)/3.
        assertArrayEquals(new double[] {loss1, -(Math.log(0.5) + Math.log(0.25)) / 3},
                loss.computeScoreArray(y, preOutput, new ActivationSigmoid(), perOutput).toDoubleVector(), 1e-9);
        assertThrows(IllegalArgumentException.class,
                () -> loss.computeScoreArray(y, preOutput, new ActivationSigmoid(), Nd4j.ones(DataType.DOUBLE, 2, 3)));
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"SIGMOID", "SOFTMAX"})
    void passesDl4jGradientCheck(Activation outputActivation) {
        MultiLayerNetwork net = SmallNetworks.hiddenLayerNet(loss, outputActivation, 0.0);
        DataSet data = SmallNetworks.randomData(10, SmallNetworks.N_IN, SmallNetworks.N_OUT, 11);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                .input(data.getFeatures()).labels(data.getLabels())
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
        assertTrue(ok, "DL4J gradient check failed for MultiBinaryCrossEntropy with " + outputActivation);
    }
}
