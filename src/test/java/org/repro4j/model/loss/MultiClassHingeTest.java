package org.repro4j.model.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.repro4j.ReproException;
import org.repro4j.model.DoublePrecisionExtension;
import org.repro4j.model.SmallNetworks;

@ExtendWith(DoublePrecisionExtension.class)
class MultiClassHingeTest {
    private static final double TOL = 1e-12;
    private final MultiClassHinge loss = new MultiClassHinge();

    // Example 1: s = [1, 2, -0.5], y = 0. Margins: j=1: 2 - 1 + 1 = 2; j=2: -0.5 - 1 + 1 = -0.5 -> 0. Loss 2.
    //   Gradient: +1 at j=1 (active), -1 (one active margin) at y=0: [-1, 1, 0].
    // Example 2: s = [0.3, -1.2, 0.1], y = 2. Margins: j=0: 0.3 - 0.1 + 1 = 1.2; j=1: -1.2 - 0.1 + 1 = -0.3 -> 0.
    //   Loss 1.2, gradient [1, 0, -1].
    private final INDArray scores = Nd4j.createFromArray(new double[][] {{1.0, 2.0, -0.5}, {0.3, -1.2, 0.1}});
    private final INDArray labels = Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, 0, 1}});

    @Test
    void scoreMatchesHandComputedValues() {
        ActivationIdentity identity = new ActivationIdentity();
        assertEquals(2.0 + 1.2, loss.computeScore(labels, scores, identity, null, false), TOL);
        assertEquals((2.0 + 1.2) / 2, loss.computeScore(labels, scores, identity, null, true), TOL);
        assertArrayEquals(new double[] {2.0, 1.2},
                loss.computeScoreArray(labels, scores, identity, null).toDoubleVector(), TOL);
    }

    @Test
    void gradientMatchesHandComputedValues() {
        INDArray grad = loss.computeGradient(labels, scores, new ActivationIdentity(), null);
        assertArrayEquals(new double[] {-1, 1, 0}, grad.getRow(0).toDoubleVector(), TOL);
        assertArrayEquals(new double[] {1, 0, -1}, grad.getRow(1).toDoubleVector(), TOL);
    }

    @Test
    void marginExactlyZeroIsInactive() {
        // s = [0, -1, 0.5], y = 0: j=1 margin -1 - 0 + 1 = 0 (the hinge), j=2 margin 0.5 - 0 + 1 = 1.5.
        INDArray s = Nd4j.createFromArray(new double[][] {{0.0, -1.0, 0.5}});
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 0, 0}});
        assertEquals(1.5, loss.computeScore(y, s, new ActivationIdentity(), null, false), TOL);
        assertArrayEquals(new double[] {-1, 0, 1},
                loss.computeGradient(y, s, new ActivationIdentity(), null).toDoubleVector(), TOL);
    }

    @Test
    void worksInFloat() {
        INDArray floatScores = scores.castTo(DataType.FLOAT);
        assertEquals(1.6, loss.computeScore(labels, floatScores, new ActivationIdentity(), null, true), 1e-6);
        INDArray grad = loss.computeGradient(labels, floatScores, new ActivationIdentity(), null);
        assertEquals(DataType.FLOAT, grad.dataType());
        assertArrayEquals(new double[] {1, 0, -1}, grad.getRow(1).toDoubleVector(), 1e-6);
    }

    @Test
    void perExampleMaskRemovesTheMaskedExample() {
        INDArray mask = Nd4j.createFromArray(new double[][] {{1}, {0}});
        ActivationIdentity identity = new ActivationIdentity();
        // DL4J convention: the average divides by all rows, masked ones included.
        assertEquals(2.0 / 2, loss.computeScore(labels, scores, identity, mask, true), TOL);
        assertArrayEquals(new double[] {2.0, 0.0},
                loss.computeScoreArray(labels, scores, identity, mask).toDoubleVector(), TOL);
        INDArray grad = loss.computeGradient(labels, scores, identity, mask);
        assertArrayEquals(new double[] {-1, 1, 0}, grad.getRow(0).toDoubleVector(), TOL);
        assertArrayEquals(new double[] {0, 0, 0}, grad.getRow(1).toDoubleVector(), TOL);
    }

    @Test
    void perOutputMaskAndWrongLabelWidthAreRejected() {
        INDArray perOutputMask = Nd4j.ones(2, 3);
        ReproException maskError = assertThrows(ReproException.class,
                () -> loss.computeScore(labels, scores, new ActivationIdentity(), perOutputMask, true));
        assertTrue(maskError.getMessage().contains("per-example mask"), maskError.getMessage());

        INDArray fourClassLabels = Nd4j.zeros(2, 4);
        ReproException shapeError = assertThrows(ReproException.class,
                () -> loss.computeGradient(fourClassLabels, scores, new ActivationIdentity(), null));
        assertTrue(shapeError.getMessage().contains("nOut"), shapeError.getMessage());
    }

    /**
     * Labels that are not one-hot: before the check, [0.5, 0.5, 0] scored as a blend of two true
     * classes, [1, 1, 0] as two true classes at once and [0, 0, 0] against a true score of 0. The
     * first row is a valid one-hot row, so the message must name row 1 and what it holds.
     */
    @ParameterizedTest
    @ValueSource(strings = {"0.5, 0.5, 0", "1, 1, 0", "0, 0, 0", "2, 0, 0", "0, -1, 0", "NaN, 0, 1", "0.999, 0, 0"})
    void labelsThatAreNotOneHotAreRejected(String badRow) {
        double[] row = Arrays.stream(badRow.split(",")).mapToDouble(v -> Double.parseDouble(v.strip())).toArray();
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 0, 0}, row});
        ActivationIdentity identity = new ActivationIdentity();
        for (Executable call : new Executable[] {
                () -> loss.computeScore(y, scores, identity, null, true),
                () -> loss.computeScoreArray(y, scores, identity, null),
                () -> loss.computeGradient(y, scores, identity, null),
                () -> loss.computeScore(y.castTo(DataType.FLOAT), scores.castTo(DataType.FLOAT), identity, null, false)}) {
            String m = assertThrows(IllegalArgumentException.class, call).getMessage();
            assertTrue(m.contains("one-hot") && m.contains("row 1"), m);
            assertTrue(m.contains(Arrays.toString(row)), "shows the row as found: " + m);
        }
    }

    @Test
    void aMaskedOutExampleMayHaveAnyLabels() {
        // Padding rows (mask 0) often carry all-zero labels; they do not count, so they are not checked.
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, 0, 0}});
        INDArray mask = Nd4j.createFromArray(new double[][] {{1}, {0}});
        assertEquals(2.0, loss.computeScore(y, scores, new ActivationIdentity(), mask, false), TOL);
        INDArray unmasked = Nd4j.createFromArray(new double[][] {{1}, {1}});
        assertThrows(IllegalArgumentException.class,
                () -> loss.computeScore(y, scores, new ActivationIdentity(), unmasked, false));
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"IDENTITY", "TANH"})
    void passesDl4jGradientCheck(Activation outputActivation) {
        MultiLayerNetwork net = SmallNetworks.hiddenLayerNet(loss, outputActivation, 0.0);
        DataSet data = SmallNetworks.randomData(10, SmallNetworks.N_IN, SmallNetworks.N_OUT, 7);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                .input(data.getFeatures()).labels(data.getLabels())
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
        assertTrue(ok, "DL4J gradient check failed for MultiClassHinge with " + outputActivation);
    }
}
