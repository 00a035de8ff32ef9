package org.repro4j.bench;

import org.repro4j.train.Timing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times single steps of several engines in interleaved rounds (A, B, B, A, A, B, ...) so that a
 * burst of load from other processes on this shared machine hits every engine alike, and
 * reports each engine's {@link Timing} over all rounds after a warm-up (JIT, caches, buffers).
 */
record StepTimer(int warmupSteps, int rounds, int stepsPerRound) {
    Map<String, Timing> time(Map<String, Runnable> engines) {
        List<String> names = new ArrayList<>(engines.keySet());
        Map<String, long[]> nanos = new LinkedHashMap<>();
        for (String name : names) {
            Runnable step = engines.get(name);
            for (int i = 0; i < warmupSteps; i++) {
                step.run();
            }
            nanos.put(name, new long[rounds * stepsPerRound]);
        }
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < names.size(); k++) {
                String name = names.get(r % 2 == 0 ? k : names.size() - 1 - k);
                Runnable step = engines.get(name);
                long[] out = nanos.get(name);
                for (int i = 0; i < stepsPerRound; i++) {
                    long t0 = System.nanoTime();
                    step.run();
                    out[r * stepsPerRound + i] = System.nanoTime() - t0;
                }
            }
        }
        Map<String, Timing> result = new LinkedHashMap<>();
        nanos.forEach((name, times) -> result.put(name, Timing.of(times, times.length)));
        return result;
    }
}
