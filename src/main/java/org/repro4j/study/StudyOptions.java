package org.repro4j.study;

import java.io.PrintStream;
import java.nio.file.Path;

import org.repro4j.train.TrialExecutors;

/**
 * How a seed study runs.
 *
 * @param experimentsDir the experiment specs
 * @param dataDir        the data folder
 * @param resultsRoot    the results folder; the study goes to its {@code study/} folder
 * @param runsRoot       where the study's runs assemble their results (scratch, e.g. target/study-runs)
 * @param seeds          seeds of every experiment instead of each spec's study seeds (a short study); null for theirs
 * @param useTrialStore  take trials trained before from the trial store (the regular seeds of make reproduce)
 * @param jobs           trials trained at once
 * @param executor       where trials train
 * @param log            progress
 */
public record StudyOptions(Path experimentsDir, Path dataDir, Path resultsRoot, Path runsRoot, Integer seeds,
                           boolean useTrialStore, int jobs, TrialExecutors.Choice executor, PrintStream log) {
}
