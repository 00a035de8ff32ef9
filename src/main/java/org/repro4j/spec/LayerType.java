package org.repro4j.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A layer's role ({@code network.layers[i].type}). */
public enum LayerType {
    /** A hidden fully connected layer. */
    @JsonProperty("dense")
    DENSE,
    /** The last layer, with the loss. */
    @JsonProperty("output")
    OUTPUT;

    @Override
    public String toString() {
        return SpecNames.of(this);
    }
}
