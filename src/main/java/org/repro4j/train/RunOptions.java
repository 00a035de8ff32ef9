package org.repro4j.train;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * How to run experiments.
 *
 * @param quick      a short smoke run: a few hundred steps on a data subset (for tests and CI);
 *                   never written over the full results
 * @param seedCount  how many seeds to run (null: the spec's list); extra seeds continue the list
 * @param sharedRuns where experiments run with these options find trainings they have in common
 *                   (null: every experiment trains all its runs itself)
 */
public record RunOptions(Path experimentsDir, Path dataDir, Path resultsRoot, boolean quick, Integer seedCount,
                         PrintStream log, SharedRuns sharedRuns) {

    /** QUICK mode: at most this many training examples, ... */
    public static final int QUICK_TRAIN = 2000;
    /** ... this many examples of each measured split, ... */
    public static final int QUICK_EVAL = 1000;
    /** ... and this many epochs. */
    public static final int QUICK_EPOCHS = 2;

    /** Options without shared trainings. */
    public RunOptions(Path experimentsDir, Path dataDir, Path resultsRoot, boolean quick, Integer seedCount,
                      PrintStream log) {
        this(experimentsDir, dataDir, resultsRoot, quick, seedCount, log, null);
    }

    /** The same options, with trainings shared between the experiments that use the copy. */
    public RunOptions withSharedRuns() {
        return new RunOptions(experimentsDir, dataDir, resultsRoot, quick, seedCount, log, new SharedRuns());
    }
}
