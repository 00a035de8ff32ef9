package org.repro4j.train;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * How to run experiments.
 *
 * @param quick     a short smoke run: a few hundred steps on a data subset (for tests and CI);
 *                  never written over the full results
 * @param seedCount how many seeds to run (null: the spec's list); extra seeds continue the list
 * @param useRunCache reuse runs trained with identical settings and code (see {@link RunCache});
 *                  off unless asked for, so that tests always train
 */
public record RunOptions(Path experimentsDir, Path dataDir, Path resultsRoot, boolean quick, Integer seedCount,
                         PrintStream log, boolean useRunCache) {

    public RunOptions(Path experimentsDir, Path dataDir, Path resultsRoot, boolean quick, Integer seedCount, PrintStream log) {
        this(experimentsDir, dataDir, resultsRoot, quick, seedCount, log, false);
    }

    /** QUICK mode: at most this many training examples, ... */
    public static final int QUICK_TRAIN = 2000;
    /** ... this many examples of each measured split, ... */
    public static final int QUICK_EVAL = 1000;
    /** ... and this many epochs. */
    public static final int QUICK_EPOCHS = 2;
}
