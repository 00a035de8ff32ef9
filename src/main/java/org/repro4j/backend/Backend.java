package org.repro4j.backend;

import org.repro4j.ReproException;

import java.util.Locale;

/**
 * The two ND4J backends a build can hold: {@code nd4j-native} (CPU, OpenBLAS; the default Maven
 * profile {@code cpu}) or {@code nd4j-cuda-11.6} (profile {@code cuda}). Each is recognised by a
 * class only its jar has, so the class path can be inspected without loading ND4J.
 */
public enum Backend {
    CPU("org/nd4j/linalg/cpu/nativecpu/CpuBackend.class"),
    CUDA("org/nd4j/linalg/jcublas/JCublasBackend.class");

    private final String markerClass;

    Backend(String markerClass) {
        this.markerClass = markerClass;
    }

    /** A class file (as a resource name) that is on the class path exactly when this backend is. */
    String markerClass() {
        return markerClass;
    }

    /** {@code cpu} or {@code cuda}, as in {@code make BACKEND=...}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code cpu} or {@code cuda} (any case); {@code where} names the setting in the error. */
    static Backend parse(String value, String where) {
        for (Backend b : values()) {
            if (b.label().equalsIgnoreCase(value.strip())) {
                return b;
            }
        }
        throw new ReproException(where + "='" + value + "' is not a backend. Fix: use 'cpu' (the default) or 'cuda'.");
    }
}
