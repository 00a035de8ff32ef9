package org.repro4j.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * What the runner records while training: loss, cost and accuracy on the named splits, once per
 * epoch ({@code every_steps} null) or every N optimisation steps, where a figure draws them (the
 * runner measures a split while training only then, or where early stopping reads it). Every split
 * is measured untrained and at the end anyway; the default leaves the test split out of the curves
 * because evaluating a split costs about as much as an epoch of training on the small DD2424 protocol.
 *
 * @param runningLoss null, or how often to record the mean training loss of the batches trained on
 *                    since the last record (the loss each batch had just before its update, as a
 *                    per-sample SGD loop accumulates it): {@code epoch}, or a number of steps
 * @param stepTime    record the median wall time of one optimisation step
 * @param weightNorm  record the squared L2 norm of the first layer's weights and biases at the end
 */
public record MeasureSpec(List<Split> splits, @JsonProperty("every_steps") Integer everySteps,
                          @JsonProperty("running_loss") String runningLoss,
                          @JsonProperty("step_time") Boolean stepTime,
                          @JsonProperty("weight_norm") Boolean weightNorm) implements java.io.Serializable {
    private static final List<Split> DEFAULT_SPLITS = List.of(Split.TRAIN, Split.VAL);
    public static final MeasureSpec DEFAULT = new MeasureSpec(null, null);
    /** The {@code running_loss} value that records once per epoch. */
    public static final String PER_EPOCH = "epoch";

    public MeasureSpec {
        splits = splits == null ? DEFAULT_SPLITS : List.copyOf(splits);
        stepTime = stepTime != null && stepTime;
        weightNorm = weightNorm != null && weightNorm;
    }

    public MeasureSpec(List<Split> splits, Integer everySteps) {
        this(splits, everySteps, null, null, null);
    }

    /** Steps between running-loss records, or null when they are per epoch or not asked for. */
    public Integer runningLossSteps() {
        return runningLoss == null || PER_EPOCH.equals(runningLoss) ? null : Integer.valueOf(runningLoss);
    }
}
