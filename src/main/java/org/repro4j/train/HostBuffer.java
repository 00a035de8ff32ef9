package org.repro4j.train;

import java.nio.FloatBuffer;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An array the hand-written steps reuse from batch to batch, with its native pointer for BLAS and,
 * when it holds floats, a Java view of its elements for {@link FloatKernels}.
 */
final class HostBuffer {
    final INDArray array;
    final Pointer pointer;
    /** The elements, for float arrays; null otherwise. */
    final FloatBuffer floats;

    HostBuffer(INDArray array) {
        this.array = array;
        this.pointer = Blas.pointer(array);
        this.floats = array.dataType() == DataType.FLOAT ? FloatKernels.view(array) : null;
    }
}
