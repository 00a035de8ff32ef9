package org.repro4j.train;

import java.lang.reflect.InvocationTargetException;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The six BLAS calls a lean SGD step needs, made directly on the native memory of host ND4J
 * arrays. Going around ND4J's {@code Nd4j.gemm}/{@code Level2} wrappers matters at these sizes:
 * they copy operands into the layout they like, route matrix-vector products through a full
 * matrix multiply (which re-packs the whole weight matrix for a single example), and
 * {@code Level2.gemv} in M2.1 ignores its transpose flag.
 *
 * <p>The implementation, {@code OpenBlas} in {@code src/cpu/java}, calls the OpenBLAS that ND4J's
 * CPU backend loads, and only the CPU build compiles it: the CUDA builds have no OpenBLAS, and
 * {@code make cuda-compile} fails if {@code src/main} ever imports it. {@link #forType} is how the
 * rest of the code reaches it, and says when this build has none.
 *
 * <p>Matrices are described BLAS-style (layout, transpose, leading dimension); callers pass
 * {@link #pointer(INDArray)} of arrays they have checked to be dense in the stated layout.
 * One instance serves one data type, float or double.
 */
interface Blas {
    /** Row-major ({@code 'c'}) or column-major ({@code 'f'}) storage, with CBLAS's own values. */
    int ROW_MAJOR = 101;
    int COL_MAJOR = 102;
    int NO_TRANS = 111;
    int TRANS = 112;

    /** The class that implements this interface in the CPU build. */
    String CPU_IMPLEMENTATION = "org.repro4j.train.OpenBlas";

    /** C = alpha * op(A) op(B) + beta * C. */
    void gemm(int layout, int transA, int transB, int m, int n, int k, double alpha, Pointer a, int lda,
              Pointer b, int ldb, double beta, Pointer c, int ldc);

    /** y = alpha * op(A) x + beta * y, unit strides. */
    void gemv(int layout, int trans, int m, int n, double alpha, Pointer a, int lda, Pointer x, double beta, Pointer y);

    /** A += alpha * x y^T (A is m x n), unit strides. */
    void ger(int layout, int m, int n, double alpha, Pointer x, Pointer y, Pointer a, int lda);

    /** y += alpha * x, unit strides. */
    void axpy(int n, double alpha, Pointer x, Pointer y);

    /** y = x, unit strides. */
    void copy(int n, Pointer x, Pointer y);

    /** x *= alpha, unit stride. */
    void scal(int n, double alpha, Pointer x);

    /**
     * The CPU build's BLAS for arrays of this type (FLOAT or DOUBLE), or null when this build has
     * none (the CUDA builds do not compile {@link #CPU_IMPLEMENTATION}).
     */
    static Blas forType(DataType type) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("BLAS needs float or double arrays, got " + type);
        }
        Class<?> implementation;
        try {
            implementation = Class.forName(CPU_IMPLEMENTATION);
        } catch (ClassNotFoundException e) {
            return null;
        }
        try {
            return (Blas) implementation.getDeclaredConstructor(boolean.class).newInstance(type == DataType.DOUBLE);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot load OpenBLAS: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(CPU_IMPLEMENTATION + " does not implement Blas as expected", e);
        }
    }

    /**
     * The address of an array's first element (ND4J's buffer pointer already includes a view's
     * offset). The caller is responsible for the array being dense in the layout it declares.
     */
    static Pointer pointer(INDArray array) {
        return array.data().addressPointer();
    }

    /**
     * True when the array's elements lie back to back in {@code order} ('c' row-major, 'f'
     * column-major), so BLAS can read it with leading dimension = its row (or column) length.
     * Dimensions of size 1 may have any stride (ND4J gives e.g. an f-order [8, 1] column the
     * strides [1, 8]).
     */
    static boolean isDense(INDArray array, char order) {
        long[] shape = array.shape();
        long[] stride = array.stride();
        long expected = 1;
        for (int k = 0; k < shape.length; k++) {
            int d = order == 'c' ? shape.length - 1 - k : k;
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }
}
