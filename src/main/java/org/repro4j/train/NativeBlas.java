package org.repro4j.train;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasColMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_daxpy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dcopy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemv;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dger;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dscal;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_saxpy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_scopy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemv;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sger;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sscal;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The six BLAS calls a lean SGD step needs, made directly on the native memory of ND4J arrays
 * through the OpenBLAS that ND4J itself loads (JavaCPP's {@code openblas_nolapack}, the binding
 * ND4J's own {@code CpuLevel3} calls). Going around ND4J's {@code Nd4j.gemm}/{@code Level2}
 * wrappers matters at these sizes: they copy operands into the layout they like, route
 * matrix-vector products through a full matrix multiply (which re-packs the whole weight matrix
 * for a single example), and {@code Level2.gemv} in M2.1 ignores its transpose flag.
 *
 * <p>Matrices are described BLAS-style (layout, transpose, leading dimension); callers pass
 * {@link #pointer(INDArray)} of arrays they have checked to be dense in the stated layout.
 * One instance serves one data type, float or double.
 */
final class NativeBlas {
    /** Row-major ({@code 'c'}) or column-major ({@code 'f'}) storage, as CBLAS names them. */
    static final int ROW_MAJOR = CblasRowMajor;
    static final int COL_MAJOR = CblasColMajor;
    static final int NO_TRANS = CblasNoTrans;
    static final int TRANS = CblasTrans;

    private final boolean isDouble;

    private NativeBlas(boolean isDouble) {
        this.isDouble = isDouble;
    }

    /** BLAS for arrays of this type; only FLOAT and DOUBLE have BLAS routines. */
    static NativeBlas of(DataType type) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("BLAS needs float or double arrays, got " + type);
        }
        return new NativeBlas(type == DataType.DOUBLE);
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

    /** C = alpha * op(A) op(B) + beta * C. */
    void gemm(int layout, int transA, int transB, int m, int n, int k, double alpha, Pointer a, int lda,
              Pointer b, int ldb, double beta, Pointer c, int ldc) {
        if (isDouble) {
            cblas_dgemm(layout, transA, transB, m, n, k, alpha, (DoublePointer) a, lda, (DoublePointer) b, ldb,
                    beta, (DoublePointer) c, ldc);
        } else {
            cblas_sgemm(layout, transA, transB, m, n, k, (float) alpha, (FloatPointer) a, lda, (FloatPointer) b, ldb,
                    (float) beta, (FloatPointer) c, ldc);
        }
    }

    /** y = alpha * op(A) x + beta * y, unit strides. */
    void gemv(int layout, int trans, int m, int n, double alpha, Pointer a, int lda, Pointer x, double beta,
              Pointer y) {
        if (isDouble) {
            cblas_dgemv(layout, trans, m, n, alpha, (DoublePointer) a, lda, (DoublePointer) x, 1, beta,
                    (DoublePointer) y, 1);
        } else {
            cblas_sgemv(layout, trans, m, n, (float) alpha, (FloatPointer) a, lda, (FloatPointer) x, 1, (float) beta,
                    (FloatPointer) y, 1);
        }
    }

    /** A += alpha * x y^T (A is m x n), unit strides. */
    void ger(int layout, int m, int n, double alpha, Pointer x, Pointer y, Pointer a, int lda) {
        if (isDouble) {
            cblas_dger(layout, m, n, alpha, (DoublePointer) x, 1, (DoublePointer) y, 1, (DoublePointer) a, lda);
        } else {
            cblas_sger(layout, m, n, (float) alpha, (FloatPointer) x, 1, (FloatPointer) y, 1, (FloatPointer) a, lda);
        }
    }

    /** y += alpha * x, unit strides. */
    void axpy(int n, double alpha, Pointer x, Pointer y) {
        if (isDouble) {
            cblas_daxpy(n, alpha, (DoublePointer) x, 1, (DoublePointer) y, 1);
        } else {
            cblas_saxpy(n, (float) alpha, (FloatPointer) x, 1, (FloatPointer) y, 1);
        }
    }

    /** y = x, unit strides. */
    void copy(int n, Pointer x, Pointer y) {
        if (isDouble) {
            cblas_dcopy(n, (DoublePointer) x, 1, (DoublePointer) y, 1);
        } else {
            cblas_scopy(n, (FloatPointer) x, 1, (FloatPointer) y, 1);
        }
    }

    /** x *= alpha, unit stride. */
    void scal(int n, double alpha, Pointer x) {
        if (isDouble) {
            cblas_dscal(n, alpha, (DoublePointer) x, 1);
        } else {
            cblas_sscal(n, (float) alpha, (FloatPointer) x, 1);
        }
    }
}
