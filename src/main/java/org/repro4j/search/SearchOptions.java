package org.repro4j.search;

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
 */
public record SearchOptions(Path dataDir, Path resultsRoot, boolean quick, boolean fresh, PrintStream log) {
    /** QUICK mode: at most this many candidates. */
    public static final int QUICK_CANDIDATES = 3;
}
