package org.repro4j.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A data split ({@code measure.splits}). */
public enum Split {
    @JsonProperty("train")
    TRAIN,
    @JsonProperty("val")
    VAL,
    @JsonProperty("test")
    TEST;

    @Override
    public String toString() {
        return SpecNames.of(this);
    }
}
