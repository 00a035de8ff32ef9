package org.repro4j.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an experiment's runner does (the spec's {@code kind}). */
public enum Kind {
    /** Train every setting with every seed and measure. */
    @JsonProperty("train")
    TRAIN,
    /** Compare DL4J's analytic gradients with central differences. */
    @JsonProperty("gradcheck")
    GRADCHECK,
    /** One forward and backward pass through a network given by hand. */
    @JsonProperty("derivatives")
    DERIVATIVES;

    @Override
    public String toString() {
        return SpecNames.of(this);
    }
}
