package org.repro4j.train;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * How to run experiments.
 *
 * @param quick     a short smoke run: a few hundred steps on a data subset (for tests and CI);
 *                  never written over the full results
 * @param seedCount how many seeds to run (null: the spec's list); extra seeds continue the list
 * @param useTrialStore reuse trials this machine trained before ({@link TrialStore}, under
 *                  {@code target/trials} beside the experiments); off unless asked for, so that tests always train
 * @param jobs      trials trained at once ({@link LocalExecutor}), at least 1
 * @param executor  where trials train ({@link TrialExecutors}): this machine's cores, or a cluster
 */
public record RunOptions(Path experimentsDir, Path dataDir, Path resultsRoot, boolean quick, Integer seedCount,
                         PrintStream log, boolean useTrialStore, int jobs, TrialExecutors.Choice executor) {

    public RunOptions {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
        if (executor == null) {
            throw new IllegalArgumentException("an executor is needed, e.g. TrialExecutors.Choice.LOCAL");
        }
    }

    /** On this machine's {@link LocalExecutor}. */
    public RunOptions(Path experimentsDir, Path dataDir, Path resultsRoot, boolean quick, Integer seedCount,
                      PrintStream log, boolean useTrialStore, int jobs) {
        this(experimentsDir, dataDir, resultsRoot, quick, seedCount, log, useTrialStore, jobs, TrialExecutors.Choice.LOCAL);
    }

    /** One trial at a time, no trial store: what tests use. */
    public RunOptions(Path experimentsDir, Path dataDir, Path resultsRoot, boolean quick, Integer seedCount, PrintStream log) {
        this(experimentsDir, dataDir, resultsRoot, quick, seedCount, log, false, 1);
    }

    /** Where trial results are kept: {@code target/trials} in the project folder the experiments belong to. */
    Path trialStore() {
        return experimentsDir.toAbsolutePath().getParent().resolve("target/trials");
    }

    /** QUICK mode: at most this many epochs, on the QUICK data ({@code Splits.QUICK_TRAIN}, {@code Splits.QUICK_EVAL}). */
    public static final int QUICK_EPOCHS = 2;
}
