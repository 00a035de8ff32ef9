package org.repro4j.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the learning rate changes ({@code training.schedule.type}). */
public enum Schedule {
    @JsonProperty("constant")
    CONSTANT,
    /** Multiplied by gamma after every epoch. */
    @JsonProperty("exponential")
    EXPONENTIAL,
    /** Multiplied by factor at epoch first_drop, then every {@code every} epochs. */
    @JsonProperty("step")
    STEP;

    @Override
    public String toString() {
        return SpecNames.of(this);
    }
}
