package org.repro4j.train;

import org.repro4j.data.Splits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where trials train. {@link LocalExecutor} trains them on this machine's cores; a cluster executor
 * would train them elsewhere, which is why a trial and its result are plain serialisable values
 * and a trial never reaches back into the planning JVM. A trial's result does not depend on where,
 * or beside which others, it trained.
 */
public interface TrialExecutor extends AutoCloseable {
    /**
     * Trains every trial (identical ones, by hash, once), starting them in the order given, and
     * hands each result to {@code finished} as soon as it is there; returns when all are done.
     *
     * @param data     the splits a trial trains on ({@link TrialRunner#form}), asked for just before
     *                 the trial starts, in the order given, from the calling thread; shared read-only
     *                 by the trials
     * @param onStep   called after every optimisation step of any trial, from any thread (progress)
     * @param finished called once per distinct trial, from any thread, but never for two trials at once
     * @throws TrainingFailure as {@link TrialRunner#run} does, for the first trial that fails; trials
     *                         not started by then are not started
     */
    void run(List<Trial> trials, Function<Trial, Splits> data, Runnable onStep, Finished finished);

    /** Trains every trial and returns their results in the same order. */
    default List<TrialResult> run(List<Trial> trials, Function<Trial, Splits> data, Runnable onStep) {
        Map<String, TrialResult> results = new LinkedHashMap<>();
        run(trials, data, onStep, (trial, result, seconds) -> results.put(trial.sha256(), result));
        List<TrialResult> ordered = new ArrayList<>();
        trials.forEach(t -> ordered.add(results.get(t.sha256())));
        return ordered;
    }

    @Override
    void close();

    /** What a finished trial gave, and the seconds it trained (on one worker). */
    @FunctionalInterface
    interface Finished {
        void accept(Trial trial, TrialResult result, double seconds);
    }
}
