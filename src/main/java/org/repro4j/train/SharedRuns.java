package org.repro4j.train;

import org.repro4j.spec.DataSpec;
import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.MeasureSpec;
import org.repro4j.spec.NetworkSpec;
import org.repro4j.spec.TrainingSpec;

import java.util.HashMap;
import java.util.Map;

/**
 * Trainings that several experiments of one invocation have in common, done once: e.g. the VU
 * report's single lr = 0.01 run is also one of its three seeds and one of its four learning
 * rates. Two trainings are the same when data, network, training and measurements are equal
 * (the spec records compare by value) and so is the seed; within one invocation the QUICK cuts
 * and the data folder are the same too. Only what {@code bin/repro run ID...} runs together is
 * shared, never across invocations, so no stale result can come back.
 */
public final class SharedRuns {
    private final Map<Key, TrainedRun> runs = new HashMap<>();

    record Key(DataSpec data, NetworkSpec network, TrainingSpec training, MeasureSpec measure, long seed) {
        static Key of(ExperimentSpec resolvedRun, long seed) {
            return new Key(resolvedRun.data(), resolvedRun.network(), resolvedRun.training(), resolvedRun.measure(), seed);
        }
    }

    /** The same training done earlier in this invocation, or null. */
    synchronized TrainedRun find(ExperimentSpec resolvedRun, long seed) {
        return runs.get(Key.of(resolvedRun, seed));
    }

    synchronized void remember(ExperimentSpec resolvedRun, long seed, TrainedRun run) {
        runs.put(Key.of(resolvedRun, seed), run);
    }
}
