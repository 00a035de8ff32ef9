package org.repro4j.data;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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

    /**
     * The elements of a dense row-major float matrix in host memory, in C order, as a buffer over
     * that memory; null when the array is not such a matrix or its memory is not host memory.
     */
    public static FloatBuffer floats(INDArray a) {
        if (!hostDense(a, DataType.FLOAT)) {
            return null;
        }
        int n = Math.toIntExact(a.length());
        return new FloatPointer(a.data().addressPointer()).capacity(n).limit(n).asBuffer();
    }

    /** The same for a double matrix. */
    public static DoubleBuffer doubles(INDArray a) {
        if (!hostDense(a, DataType.DOUBLE)) {
            return null;
        }
        int n = Math.toIntExact(a.length());
        return new DoublePointer(a.data().addressPointer()).capacity(n).limit(n).asBuffer();
    }

    /** A row-major matrix of this type whose elements lie back to back from its buffer's address, in host memory. */
    private static boolean hostDense(INDArray a, DataType type) {
        return directAccess() && a.dataType() == type && a.rank() == 2 && a.offset() == 0
                && (a.size(0) == 1 || a.stride(0) == a.size(1)) && (a.size(1) == 1 || a.stride(1) == 1)
                && a.data().length() >= a.length();
    }

    /** Asks ND4J's backend once per JVM (the backend cannot change while it runs). */
    public static boolean directAccess() {
        return Holder.CPU;
    }

    private static final class Holder {
        static final boolean CPU = Nd4j.getEnvironment().isCPU();
    }
}
