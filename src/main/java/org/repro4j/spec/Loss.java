package org.repro4j.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output layer's loss ({@code network.layers[i].loss}). */
public enum Loss {
    /** Multi-class cross-entropy. */
    @JsonProperty("mcxent")
    MCXENT,
    /** Binary cross-entropy. */
    @JsonProperty("xent")
    XENT,
    /** Multiple binary cross-entropy (DD2424 bonus). */
    @JsonProperty("mbce")
    MBCE,
    /** Multi-class hinge (SVM) loss. */
    @JsonProperty("svm")
    SVM,
    /** Mean squared error. */
    @JsonProperty("mse")
    MSE;

    @Override
    public String toString() {
        return SpecNames.of(this);
    }
}
