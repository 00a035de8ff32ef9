package org.repro4j.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The keys the VU and TDT4265 experiments added: the derivatives kind, running loss, step time, weight norm, L2 on biases. */
class VuTdtSpecKeysTest {
    private static final String DERIVATIVES = """
            id: t
            title: Derivatives
            reproduces: a test table
            description: What the test experiment does.
            report: vu-dl-a1-tan
            kind: derivatives
            network:
              inputs: 2
              weight_init: {distribution: zeros}
              layers:
                - {type: dense, units: 3, activation: sigmoid}
                - {type: output, units: 2, activation: softmax, loss: mcxent}
            derivatives:
              input: [1, -1]
              target: 0
              layers:
                - {weights_name: W, weights: [[1, 1, 1], [-1, -1, -1]], bias_name: b, bias: [0, 0, 0]}
                - {weights_name: V, weights: [[1, 1], [-1, -1], [-1, -1]], bias_name: c, bias: [0, 0]}
            """;
    private static final String TRAIN = """
            id: t
            title: Train
            reproduces: a test table
            description: What the test experiment does.
            report: tdt4265-a1-utne
            kind: train
            data: {protocol: mnist-tdt}
            network:
              inputs: 784
              weight_init: {distribution: zeros}
              layers:
                - {type: output, units: 10, activation: softmax, loss: mcxent}
            training:
              learning_rate: 0.01
              l2: {lambda: 2, bias: true}
              batch_size: 128
              epochs: 1
            measure:
              running_loss: 1000
              step_time: true
              weight_norm: true
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return SpecFiles.write(dir, "t.yaml", yaml);
    }

    private String error(String yaml) throws IOException {
        return SpecFiles.loadError(write(yaml), SpecLoader::load);
    }

    @Test
    void aDerivativesSpecNeedsNoDataAndBindsItsValues() throws IOException {
        ExperimentSpec s = SpecLoader.load(write(DERIVATIVES));
        assertNull(s.data());
        assertEquals("V", s.derivatives().layers().get(1).weightsName());
        assertEquals(-1.0, s.derivatives().layers().get(1).weights().get(2).get(1));
    }

    @Test
    void derivativeValuesMustFitTheNetwork() throws IOException {
        String m = error(DERIVATIVES.replace("[[1, 1], [-1, -1], [-1, -1]]", "[[1, 1], [-1, -1]]")
                .replace("target: 0", "target: 2").replace("bias: [0, 0, 0]", "bias: [0, 0]")
                .replace("bias_name: c", "bias_name: W"));
        assertTrue(m.contains("derivatives.layers[1].weights: must be 3 rows (inputs) of 2 values (units)"), m);
        assertTrue(m.contains("derivatives.target: must be a class index 0..1, got 2"), m);
        assertTrue(m.contains("derivatives.layers[0].bias: must have 3 values"), m);
        assertTrue(m.contains("the name 'W' is used twice"), m);
        assertTrue(error(DERIVATIVES.replaceAll("(?s)derivatives:\n.*", "")).contains("derivatives: is required"));
    }

    @Test
    void aTrainSpecStillNeedsData() throws IOException {
        assertTrue(error(TRAIN.replace("data: {protocol: mnist-tdt}\n", "")).contains("data: is required"));
    }

    @Test
    void measureAndL2KeysBind() throws IOException {
        ExperimentSpec s = SpecLoader.load(write(TRAIN));
        assertEquals(1000, s.measure().runningLossSteps());
        assertTrue(s.measure().stepTime());
        assertTrue(s.measure().weightNorm());
        assertTrue(s.training().l2().bias());
        ExperimentSpec perEpoch = SpecLoader.load(write(TRAIN.replace("running_loss: 1000", "running_loss: epoch")));
        assertNull(perEpoch.measure().runningLossSteps());
        assertEquals(false, SpecLoader.load(write(TRAIN.replace("l2: {lambda: 2, bias: true}", "l2: {lambda: 2}")))
                .training().l2().bias());
    }

    @Test
    void theRunningLossWorksWithEitherEngine() throws IOException {
        ExperimentSpec lean = SpecLoader.load(write(TRAIN.replace("  epochs: 1\n", "  epochs: 1\n  engine: lean\n")));
        assertEquals(Engine.LEAN, lean.training().engine());
        assertEquals("1000", lean.measure().runningLoss());
    }

    @Test
    void aRunningLossIsEpochOrAPositiveStepCount() throws IOException {
        for (String bad : new String[]{"0", "-5", "epochs", "1.5"}) {
            String m = error(TRAIN.replace("running_loss: 1000", "running_loss: " + bad));
            assertTrue(m.contains("measure.running_loss: must be 'epoch' or a number of steps >= 1"), bad + ": " + m);
        }
    }
}
