package org.repro4j.bench;

/**
 * How long the benchmark measures. Counts are for batch-1 steps; batch-100 steps, each about as
 * costly as ten to twenty batch-1 steps, get a fifth of them.
 *
 * @param epochRepeats         epochs per engine and case, except ...
 * @param slowEpochRepeats     ... for {@code fit} at batch 1, whose epoch takes about a minute
 * @param maxEpochExamples     training examples per epoch (0: the whole split)
 */
record Budget(int warmupSteps, int rounds, int stepsPerRound, int peakRepeats, int numpySteps, int numpyRounds,
              int epochRepeats, int slowEpochRepeats, int maxEpochExamples) {
    static final Budget FULL = new Budget(500, 6, 500, 10, 1000, 6, 3, 1, 0);
    static final Budget QUICK = new Budget(25, 2, 25, 1, 25, 2, 1, 1, 500);
    /**
     * The default-environment child: without OMP_NUM_THREADS=1 its two OpenMP threads can spin
     * against each other and against other processes for tens of milliseconds a step, so it
     * takes fewer steps.
     */
    static final Budget DEFAULT_ENV = new Budget(100, 3, 100, 1, 0, 0, 0, 0, 0);
}
