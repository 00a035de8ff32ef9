package org.repro4j.train.schedule;

import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The per-epoch learning-rate schedules the reports use, as DL4J {@link ISchedule}s to pass to
 * an updater, e.g. {@code new Sgd(LearningRateSchedules.exponentialPerEpoch(0.01, 0.95))}.
 *
 * <p>DL4J counts epochs from 0 and advances its epoch counter at the end of each
 * {@code MultiLayerNetwork.fit(DataSetIterator)} call (not after {@code fit(DataSet)}), so epoch
 * {@code e} of a once-per-epoch {@code fit(iterator)} loop trains with {@code valueAt(*, e)}.
 */
public final class LearningRateSchedules {
    private LearningRateSchedules() {
    }

    /** {@code initial * decay^epoch}: the rate is multiplied by {@code decay} after each epoch. */
    public static ISchedule exponentialPerEpoch(double initial, double decay) {
        return new ExponentialSchedule(ScheduleType.EPOCH, initial, decay);
    }

    /**
     * DD2424 bonus step decay: {@code initial} for {@code firstDrop} epochs, then multiplied by
     * {@code factor} once, and again every {@code every} epochs; see {@link DelayedStepSchedule}.
     */
    public static ISchedule delayedStepPerEpoch(double initial, int firstDrop, double factor, int every) {
        return new DelayedStepSchedule(ScheduleType.EPOCH, initial, firstDrop, factor, every);
    }
}
