package org.repro4j.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A named data protocol ({@code data.protocol}); {@code org.repro4j.data.Protocols} says what each one loads. */
public enum Protocol {
    @JsonProperty("cifar-b1")
    CIFAR_B1,
    @JsonProperty("cifar-all-5k")
    CIFAR_ALL_5K,
    @JsonProperty("cifar-all-1k")
    CIFAR_ALL_1K,
    @JsonProperty("mnist-vu")
    MNIST_VU,
    @JsonProperty("mnist-vu-final")
    MNIST_VU_FINAL,
    @JsonProperty("mnist-tdt")
    MNIST_TDT,
    @JsonProperty("synthetic-ellipse")
    SYNTHETIC_ELLIPSE;

    @Override
    public String toString() {
        return SpecNames.of(this);
    }
}
