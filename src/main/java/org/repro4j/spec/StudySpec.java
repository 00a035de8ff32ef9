package org.repro4j.spec;

/**
 * How many seeds the seed study ({@code repro study}) trains an experiment with, where not the default, and why
 * ({@code study:} in a spec). The default is {@link #DEFAULT_SEEDS}; an experiment whose trial takes over a minute
 * sets fewer ({@link #FEW_SEEDS} by the rule in experiments/README.md), one with a reason of its own any number.
 *
 * @param seeds  seeds of each setting, at least 2
 * @param reason why this experiment does not take the default
 */
public record StudySpec(Integer seeds, String reason) {
    /** Seeds of an experiment whose trial takes under a minute. */
    public static final int DEFAULT_SEEDS = 20;
    /** Seeds of an experiment whose trial takes a minute or more. */
    public static final int FEW_SEEDS = 5;

    /** The seeds of an experiment: its spec's, else the default. */
    public static int seedsOf(ExperimentSpec spec) {
        return spec.study() == null || spec.study().seeds() == null ? DEFAULT_SEEDS : spec.study().seeds();
    }
}
