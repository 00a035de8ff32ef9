package org.repro4j.search;

import org.repro4j.train.TrialExecutors;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * How to run a search.
 *
 * @param dataDir     the data folder
 * @param resultsRoot where {@code <name>/} and the journal go, e.g. {@code results/search}
 * @param quick       a smoke run: QUICK data and epochs (as {@code repro run --quick}), at most
 *                    {@link #QUICK_CANDIDATES} candidates
 * @param fresh       discard the journal of an interrupted run instead of resuming it
 * @param executor    where candidates train: in this JVM on the spec's threads ({@link TrialExecutors.Choice#LOCAL}),
 *                    or on a cluster's executor, as many at once as it has task slots
 */
public record SearchOptions(Path dataDir, Path resultsRoot, boolean quick, boolean fresh, PrintStream log,
                            TrialExecutors.Choice executor) {
    public SearchOptions {
        if (executor == null) {
            throw new IllegalArgumentException("an executor is needed, e.g. TrialExecutors.Choice.LOCAL");
        }
    }

    /** Candidates trained in this JVM, on the spec's threads. */
    public SearchOptions(Path dataDir, Path resultsRoot, boolean quick, boolean fresh, PrintStream log) {
        this(dataDir, resultsRoot, quick, fresh, log, TrialExecutors.Choice.LOCAL);
    }

    /** QUICK mode: at most this many candidates. */
    public static final int QUICK_CANDIDATES = 3;
}
