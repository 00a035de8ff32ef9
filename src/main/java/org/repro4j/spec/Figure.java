package org.repro4j.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A figure an experiment draws (the spec's {@code figures}). */
public enum Figure {
    /** Loss, cost and accuracy per epoch, per setting. */
    @JsonProperty("curves")
    CURVES,
    /** The first layer's weights as images. */
    @JsonProperty("weights")
    WEIGHTS,
    /** Training and validation loss of every setting in one chart. */
    @JsonProperty("losses")
    LOSSES,
    /** Histograms of the probability given to the true class. */
    @JsonProperty("true-class-histogram")
    TRUE_CLASS_HISTOGRAM,
    /** The running training loss with the held-out loss. */
    @JsonProperty("running-loss")
    RUNNING_LOSS,
    /** Mean and spread over seeds of the losses. */
    @JsonProperty("seed-band")
    SEED_BAND,
    /** Every setting's validation accuracy on one chart. */
    @JsonProperty("runs-accuracy")
    RUNS_ACCURACY,
    /** The squared weight norm against lambda. */
    @JsonProperty("weight-norm")
    WEIGHT_NORM;

    @Override
    public String toString() {
        return SpecNames.of(this);
    }
}
