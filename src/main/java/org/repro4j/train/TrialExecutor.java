package org.repro4j.train;

import org.repro4j.data.Splits;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where trials train. {@link LocalExecutor} trains them on this machine's cores; a cluster executor
 * would train them elsewhere, which is why a trial and its result are plain serialisable values
 * and a trial never reaches back into the planning JVM. A trial's result does not depend on where,
 * or beside which other cohorts, it trained (within its cohort, see {@link Cohort}).
 */
public interface TrialExecutor extends AutoCloseable {
    /**
     * Trains every cohort of trials the source gives, each as soon as a worker is free to take it,
     * and hands each trial's result to {@code finished} as soon as it is there; returns when all are done.
     *
     * @param trials   asked for the next cohort whenever a worker is free, from the calling thread
     * @param data     the splits a cohort trains on ({@link TrialRunner#form}), asked for just before
     *                 it starts, from the calling thread; shared read-only by the trials
     * @param onStep   called after every optimisation step of any trial, from any thread (progress)
     * @param finished called once per trial, from any thread, but never for two trials at once, with
     *                 its share of its cohort's seconds
     * @throws TrainingFailure as {@link TrialRunner#run} does, for the first cohort that fails; those
     *                         not started by then are not started
     */
    void run(Source trials, Function<Cohort, Splits> data, Runnable onStep, Finished finished);

    /** Trains every trial (identical ones, by hash, once), each alone, and returns their results in the order given. */
    default List<TrialResult> run(List<Trial> trials, Function<Cohort, Splits> data, Runnable onStep) {
        Map<String, Trial> unique = new LinkedHashMap<>();
        trials.forEach(t -> unique.putIfAbsent(t.sha256(), t));
        Iterator<Trial> queue = unique.values().iterator();
        Map<String, TrialResult> results = new LinkedHashMap<>();
        run(() -> queue.hasNext() ? Cohort.of(queue.next()) : null, data, onStep, (trial, result, seconds) -> results.put(trial.sha256(), result));
        List<TrialResult> ordered = new ArrayList<>();
        trials.forEach(t -> ordered.add(results.get(t.sha256())));
        return ordered;
    }

    /**
     * The bytes of splits the run may hold at once in this JVM ({@link TrialQueue}): the local
     * executor's budget; an executor whose trials load their data elsewhere has none here.
     */
    default long dataBudgetBytes() {
        return TrialQueue.DATA_BUDGET_BYTES;
    }

    /** How many cohorts it trains at once: the local executor's workers, a cluster's task slots. */
    int parallelism();

    @Override
    void close();

    /** Rethrows the first failure of a run's cohorts, if there was one: as it is when unchecked. */
    static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /** The trials to train, a cohort at a time. */
    @FunctionalInterface
    interface Source {
        /** The next cohort to start, waiting if it must; null when there is none left. */
        Cohort next() throws InterruptedException;
    }

    /** What a finished trial gave, and the seconds it trained (on one worker). */
    @FunctionalInterface
    interface Finished {
        void accept(Trial trial, TrialResult result, double seconds);
    }
}
