package org.repro4j.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A random change of the training batches ({@code training.augment[i].type}). */
public enum Augmentation {
    /** Horizontal flip with probability p. */
    @JsonProperty("flip")
    FLIP,
    /** Gaussian noise of the given std (pixel units). */
    @JsonProperty("gaussian")
    GAUSSIAN,
    /** Salt-and-pepper noise on the given fraction of pixels. */
    @JsonProperty("salt-pepper")
    SALT_PEPPER;

    @Override
    public String toString() {
        return SpecNames.of(this);
    }
}
