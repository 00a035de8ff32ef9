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

/**
 * {@link Blas} through the OpenBLAS that ND4J's CPU backend itself loads (JavaCPP's
 * {@code openblas_nolapack}, the binding ND4J's own {@code CpuLevel3} calls). Only the CPU build
 * compiles this folder ({@code src/cpu/java}); {@link Blas#forType} instantiates it by name.
 */
final class OpenBlas implements Blas {
    private final boolean isDouble;

    OpenBlas(boolean isDouble) {
        this.isDouble = isDouble;
    }

    @Override
    public void gemm(int layout, int transA, int transB, int m, int n, int k, double alpha, Pointer a, int lda,
                     Pointer b, int ldb, double beta, Pointer c, int ldc) {
        if (isDouble) {
            cblas_dgemm(layout(layout), trans(transA), trans(transB), m, n, k, alpha, (DoublePointer) a, lda,
                    (DoublePointer) b, ldb, beta, (DoublePointer) c, ldc);
        } else {
            cblas_sgemm(layout(layout), trans(transA), trans(transB), m, n, k, (float) alpha, (FloatPointer) a, lda,
                    (FloatPointer) b, ldb, (float) beta, (FloatPointer) c, ldc);
        }
    }

    @Override
    public void gemv(int layout, int trans, int m, int n, double alpha, Pointer a, int lda, Pointer x, double beta,
                     Pointer y) {
        if (isDouble) {
            cblas_dgemv(layout(layout), trans(trans), m, n, alpha, (DoublePointer) a, lda, (DoublePointer) x, 1, beta,
                    (DoublePointer) y, 1);
        } else {
            cblas_sgemv(layout(layout), trans(trans), m, n, (float) alpha, (FloatPointer) a, lda, (FloatPointer) x, 1,
                    (float) beta, (FloatPointer) y, 1);
        }
    }

    @Override
    public void ger(int layout, int m, int n, double alpha, Pointer x, Pointer y, Pointer a, int lda) {
        if (isDouble) {
            cblas_dger(layout(layout), m, n, alpha, (DoublePointer) x, 1, (DoublePointer) y, 1, (DoublePointer) a, lda);
        } else {
            cblas_sger(layout(layout), m, n, (float) alpha, (FloatPointer) x, 1, (FloatPointer) y, 1, (FloatPointer) a,
                    lda);
        }
    }

    @Override
    public void axpy(int n, double alpha, Pointer x, Pointer y) {
        if (isDouble) {
            cblas_daxpy(n, alpha, (DoublePointer) x, 1, (DoublePointer) y, 1);
        } else {
            cblas_saxpy(n, (float) alpha, (FloatPointer) x, 1, (FloatPointer) y, 1);
        }
    }

    @Override
    public void copy(int n, Pointer x, Pointer y) {
        if (isDouble) {
            cblas_dcopy(n, (DoublePointer) x, 1, (DoublePointer) y, 1);
        } else {
            cblas_scopy(n, (FloatPointer) x, 1, (FloatPointer) y, 1);
        }
    }

    @Override
    public void scal(int n, double alpha, Pointer x) {
        if (isDouble) {
            cblas_dscal(n, alpha, (DoublePointer) x, 1);
        } else {
            cblas_sscal(n, (float) alpha, (FloatPointer) x, 1);
        }
    }

    private static int layout(int layout) {
        return switch (layout) {
            case Blas.ROW_MAJOR -> CblasRowMajor;
            case Blas.COL_MAJOR -> CblasColMajor;
            default -> throw new IllegalArgumentException("not a BLAS layout: " + layout);
        };
    }

    private static int trans(int trans) {
        return switch (trans) {
            case Blas.NO_TRANS -> CblasNoTrans;
            case Blas.TRANS -> CblasTrans;
            default -> throw new IllegalArgumentException("not a BLAS transpose flag: " + trans);
        };
    }
}
