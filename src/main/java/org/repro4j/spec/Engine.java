package org.repro4j.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a network is trained ({@code training.engine}). */
public enum Engine {
    /** DL4J's MultiLayerNetwork.fit. */
    @JsonProperty("fit")
    FIT,
    /** The same SGD update by org.repro4j.train.LeanSgdStep, several times faster. */
    @JsonProperty("lean")
    LEAN;

    @Override
    public String toString() {
        return SpecNames.of(this);
    }
}
