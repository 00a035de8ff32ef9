package org.repro4j.bench;

import org.repro4j.train.Timing;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The floor's inputs, counted by hand for the two network shapes, and the timing statistics. */
class BenchCaseTest {
    private static BenchCase named(String name) {
        return BenchCase.ALL.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void mlpStepCountsForwardUpdateAndHiddenGradient() {
        BenchCase mlp = named("vu-mlp-b1");
        // Layer 0: forward + update, 2 * 784 * 300 each; layer 1: forward, update, input gradient, 2 * 300 * 10 each.
        assertEquals(2 * 2.0 * 784 * 300 + 3 * 2.0 * 300 * 10, mlp.flopsPerStep());
        // Each weight matrix 3 times (read, read + write), the 784 inputs twice, 4 bytes each.
        assertEquals(4.0 * (3 * (784 * 300 + 300 * 10) + 2 * 784), mlp.bytesPerStep());
    }

    @Test
    void softmaxLayerStepScalesWithTheBatch() {
        BenchCase ce = named("dd2424-softmax-b100-ce");
        assertEquals(2 * 2.0 * 100 * 3072 * 10, ce.flopsPerStep());
        assertEquals(4.0 * (3 * 3072 * 10 + 2 * 100 * 3072), ce.bytesPerStep());
    }

    @Test
    void floorIsTheSlowerOfArithmeticAndTraffic() {
        BenchCase ce = named("dd2424-softmax-b100-ce");
        assertEquals(1e3 * ce.flopsPerStep() / 10e9, new MachinePeak(10, 1000).floorMs(ce), 1e-12);
        assertEquals(1e3 * ce.bytesPerStep() / 1e9, new MachinePeak(1000, 1).floorMs(ce), 1e-12);
    }

    @Test
    void timingTakesQuantilesOfTheStepTimes() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = (100 - i) * 1_000_000L; // 100 ms down to 1 ms
        }
        Timing t = Timing.of(nanos, nanos.length);
        assertEquals(51.0, t.medianMs());
        assertEquals(11.0, t.p10Ms());
        assertEquals(91.0, t.p90Ms());
        assertEquals(100 / 5.05, t.stepsPerSecond(), 1e-9);
    }

    @Test
    void readsTheNumpyScriptsJson() throws Exception {
        NumpyReference np = NumpyReference.parse("{\"numpy\": \"2.1.0\", \"python\": \"3.11.7\", \"cases\": "
                + "{\"vu-mlp-b1\": {\"median_ms\": 0.25, \"p10_ms\": 0.2, \"p90_ms\": 0.4, \"steps_per_s\": 3500.0}}}");
        assertEquals("numpy 2.1.0, python 3.11.7", np.version());
        assertEquals(Map.of("vu-mlp-b1", new Timing(0.25, 0.2, 0.4, 3500.0, 0)), np.cases());
    }
}
