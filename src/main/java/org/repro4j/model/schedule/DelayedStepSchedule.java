package org.repro4j.model.schedule;

import java.util.Objects;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.repro4j.ReproException;

/**
 * A step schedule whose first drop comes after a warm-up of its own length: the value is
 * {@code initial} while {@code t < firstDrop}, then
 * {@code initial * factor^(1 + (t - firstDrop) / every)} (integer division), where {@code t} is
 * the epoch or the iteration, as {@link ScheduleType} says.
 *
 * <p>The DD2424 bonus decay (0.01 for 20 epochs, then 0.001, then divided by 10 every 40 epochs)
 * is {@code new DelayedStepSchedule(ScheduleType.EPOCH, 0.01, 20, 0.1, 40)}. DL4J's own
 * {@code StepSchedule} cannot express it because its first drop always comes after one full
 * step. Serialises with the shaded Jackson of ND4J, like DL4J's schedules, so a network
 * configuration holding it survives {@code toJson()}/{@code fromJson()}.
 */
public final class DelayedStepSchedule implements ISchedule {
    private final ScheduleType scheduleType;
    private final double initialValue;
    private final int firstDrop;
    private final double factor;
    private final int every;

    @JsonCreator
    public DelayedStepSchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                               @JsonProperty("initialValue") double initialValue,
                               @JsonProperty("firstDrop") int firstDrop,
                               @JsonProperty("factor") double factor,
                               @JsonProperty("every") int every) {
        if (scheduleType == null) {
            throw new ReproException("DelayedStepSchedule: scheduleType is missing; use EPOCH or ITERATION.");
        }
        if (firstDrop < 0 || every < 1) {
            throw new ReproException("DelayedStepSchedule: firstDrop must be >= 0 and every >= 1, got firstDrop="
                    + firstDrop + ", every=" + every + "; fix the step-decay settings.");
        }
        this.scheduleType = scheduleType;
        this.initialValue = initialValue;
        this.firstDrop = firstDrop;
        this.factor = factor;
        this.every = every;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        int t = scheduleType == ScheduleType.EPOCH ? epoch : iteration;
        if (t < firstDrop) {
            return initialValue;
        }
        int drops = 1 + (t - firstDrop) / every;
        return initialValue * Math.pow(factor, drops);
    }

    @Override
    public ISchedule clone() {
        // Immutable, so sharing is safe; DL4J clones schedules when it clones configurations.
        return this;
    }

    @JsonProperty("scheduleType")
    public ScheduleType getScheduleType() {
        return scheduleType;
    }

    @JsonProperty("initialValue")
    public double getInitialValue() {
        return initialValue;
    }

    @JsonProperty("firstDrop")
    public int getFirstDrop() {
        return firstDrop;
    }

    @JsonProperty("factor")
    public double getFactor() {
        return factor;
    }

    @JsonProperty("every")
    public int getEvery() {
        return every;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DelayedStepSchedule other)) {
            return false;
        }
        return scheduleType == other.scheduleType
                && Double.compare(initialValue, other.initialValue) == 0
                && firstDrop == other.firstDrop
                && Double.compare(factor, other.factor) == 0
                && every == other.every;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, initialValue, firstDrop, factor, every);
    }

    @Override
    public String toString() {
        return "DelayedStepSchedule(" + scheduleType + ", initial=" + initialValue + ", firstDrop=" + firstDrop
                + ", factor=" + factor + ", every=" + every + ")";
    }
}
