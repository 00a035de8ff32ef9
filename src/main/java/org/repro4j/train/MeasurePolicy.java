package org.repro4j.train;

/** When a run measures its splits: at epoch ends, every N steps, or on the TDT4265 validation schedule. */
interface MeasurePolicy {
    /** @param stepsDone optimisation steps taken so far in this run (1 after the first update) */
    boolean afterStep(long stepsDone);

    boolean atEpochEnd();

    static MeasurePolicy everyEpoch() {
        return new MeasurePolicy() {
            public boolean afterStep(long stepsDone) {
                return false;
            }

            public boolean atEpochEnd() {
                return true;
            }
        };
    }

    static MeasurePolicy everySteps(int n) {
        return new MeasurePolicy() {
            public boolean afterStep(long stepsDone) {
                return stepsDone % n == 0;
            }

            public boolean atEpochEnd() {
                return false;
            }
        };
    }

    /** The course trainer checks after step s (counting from 0) whenever s % interval == 0. */
    static MeasurePolicy on(ValidationSchedule schedule) {
        return new MeasurePolicy() {
            public boolean afterStep(long stepsDone) {
                return schedule.isValidationStep(stepsDone - 1);
            }

            public boolean atEpochEnd() {
                return false;
            }
        };
    }
}
