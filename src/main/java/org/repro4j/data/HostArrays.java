package org.repro4j.data;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Whether ND4J's arrays live in host memory that Java code may read and write through their
 * buffer's address. True on the CPU backend. On the CUDA backend an array's host copy is only a
 * mirror of device memory that ND4J synchronises around its own ops, so code that writes through
 * {@code data().addressPointer()} (the row copies, augmentations and the lean SGD step, all
 * written for speed on the CPU) must take ND4J's ops there instead.
 */
public final class HostArrays {
    private HostArrays() {
    }

    /** Asks ND4J's backend once per JVM (the backend cannot change while it runs). */
    public static boolean directAccess() {
        return Holder.CPU;
    }

    private static final class Holder {
        static final boolean CPU = Nd4j.getEnvironment().isCPU();
    }
}
