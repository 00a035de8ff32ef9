package org.repro4j.train;

import org.repro4j.data.Splits;

import java.util.List;
import java.util.function.Function;

/**
 * Where trials train. {@link LocalExecutor} trains them on this machine's cores; a cluster executor
 * would train them elsewhere, which is why a trial and its result are plain serialisable values
 * and a trial never reaches back into the planning JVM. A trial's result does not depend on where,
 * or beside which others, it trained.
 */
public interface TrialExecutor extends AutoCloseable {
    /**
     * Trains every trial and returns their results in the same order.
     *
     * @param data   the splits a trial trains on ({@link TrialRunner#form}; loaded once and shared
     *               read-only by the trials)
     * @param onStep called after every optimisation step of any trial, from any thread (progress)
     * @throws TrainingFailure as {@link TrialRunner#run} does, for the first trial that fails
     */
    List<TrialResult> run(List<Trial> trials, Function<Trial, Splits> data, Runnable onStep);

    @Override
    void close();
}
