package org.repro4j.train;

import org.repro4j.ReproException;

/**
 * When the TDT4265 course trainer validates: after the update of every global step {@code s}
 * (counted from 0 over the whole run, not per epoch) with {@code s % interval == 0}, where
 * {@code interval = (n / batchSize) / checksPerEpoch} in integer arithmetic. Since the trainer
 * drops the last partial batch, an epoch has {@code n / batchSize} steps; the interval rarely
 * divides that, so the checks drift across epoch boundaries, exactly as in the course code.
 */
public final class ValidationSchedule {
    private final int batchesPerEpoch;
    private final int interval;

    /**
     * @param n              number of training examples
     * @param batchSize      examples per step
     * @param checksPerEpoch how many validations per epoch (5 in the course)
     */
    public ValidationSchedule(int n, int batchSize, int checksPerEpoch) {
        if (n < 1 || batchSize < 1 || checksPerEpoch < 1) {
            throw new ReproException("ValidationSchedule: n, batchSize and checksPerEpoch must all be >= 1, got n="
                    + n + ", batchSize=" + batchSize + ", checksPerEpoch=" + checksPerEpoch + ".");
        }
        this.batchesPerEpoch = n / batchSize;
        this.interval = batchesPerEpoch / checksPerEpoch;
        if (interval == 0) {
            throw new ReproException("ValidationSchedule: (n / batchSize) / checksPerEpoch = (" + n + " / " + batchSize
                    + ") / " + checksPerEpoch + " = 0, so there is no validation interval; use more training "
                    + "examples, a smaller batch size or fewer checks per epoch.");
        }
    }

    /** Steps between two validations. */
    public int interval() {
        return interval;
    }

    /** Full batches per epoch ({@code n / batchSize}): the last partial batch is dropped. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Whether to validate right after the update of this global step (0-based). */
    public boolean isValidationStep(long globalStep) {
        if (globalStep < 0) {
            throw new IllegalArgumentException("global step must be >= 0, got " + globalStep);
        }
        return globalStep % interval == 0;
    }
}
