package org.repro4j.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A layer's activation ({@code network.layers[i].activation}). */
public enum Activation {
    @JsonProperty("identity")
    IDENTITY,
    @JsonProperty("sigmoid")
    SIGMOID,
    @JsonProperty("softmax")
    SOFTMAX,
    @JsonProperty("relu")
    RELU,
    @JsonProperty("tanh")
    TANH;

    @Override
    public String toString() {
        return SpecNames.of(this);
    }
}
