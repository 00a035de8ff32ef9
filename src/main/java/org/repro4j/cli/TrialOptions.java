package org.repro4j.cli;

import org.repro4j.ReproException;
import org.repro4j.train.LocalExecutor;
import picocli.CommandLine.Option;

/**
 * How the commands that train trials (run, study) use this machine: the trial store and the trials trained at once
 * (a picocli mixin). The help texts are the study's; {@code repro run} gives its own under the keys {@code no-cache} and
 * {@code jobs} of its resource bundle.
 */
final class TrialOptions {
    @Option(names = "--no-cache", descriptionKey = "no-cache",
            description = "Train every trial, never taking one trained before from target/trials")
    boolean noCache;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", descriptionKey = "jobs",
            description = "Trials trained at once (default: one per core)")
    Integer jobs;

    /** Whether trials trained before are taken from the trial store (not --no-cache). */
    boolean useTrialStore() {
        return !noCache;
    }

    /** {@code --jobs}, else one per core; refused below 1. */
    int jobs() {
        if (jobs != null && jobs < 1) {
            throw new ReproException("--jobs must be at least 1, got " + jobs);
        }
        return jobs != null ? jobs : LocalExecutor.defaultWorkers();
    }
}
