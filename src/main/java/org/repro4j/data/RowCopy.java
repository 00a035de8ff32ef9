package org.repro4j.data;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies whole rows of a dense row-major matrix into the first rows of another with native
 * {@code memcpy}: one call for a contiguous range, one per row for a shuffled order.
 *
 * <p>Why not {@code dst.assign(src.get(interval(...)))} or {@code Nd4j.pullRows}: at batch size 1
 * (the VU experiments' per-sample SGD) each of those costs 30 to 90 us in view creation, shape
 * information and op setup, as much as the training step itself, while the copy is 3 KB
 * ({@code bench/NOTES.md}).
 */
final class RowCopy {
    private final BytePointer source;
    private final BytePointer target;
    private final long rowBytes;

    private RowCopy(INDArray source, INDArray target) {
        this.source = new BytePointer(source.data().addressPointer());
        this.target = new BytePointer(target.data().addressPointer());
        this.rowBytes = source.size(1) * source.data().getElementSize();
    }

    /**
     * A copier from {@code source} [N, D] to {@code target} [B, D], or null when either is not a
     * dense row-major matrix of the same data type, or the arrays are not in host memory
     * ({@link HostArrays}): then the caller copies with ND4J ops.
     */
    static RowCopy between(INDArray source, INDArray target) {
        boolean ok = HostArrays.directAccess() && isDenseRowMajor(source) && isDenseRowMajor(target) && source.dataType() == target.dataType()
                && source.size(1) == target.size(1);
        return ok ? new RowCopy(source, target) : null;
    }

    /** Source rows [from, to) to target rows [0, to - from). */
    void copyRange(int from, int to) {
        Pointer.memcpy(target.position(0), source.position(from * rowBytes), (to - from) * rowBytes);
    }

    /** Source rows {@code rows[from..to)} to target rows [0, to - from). */
    void copyRows(int[] rows, int from, int to) {
        for (int i = from; i < to; i++) {
            Pointer.memcpy(target.position((i - from) * rowBytes), source.position(rows[i] * rowBytes), rowBytes);
        }
    }

    private static boolean isDenseRowMajor(INDArray a) {
        return a.rank() == 2 && a.ordering() == 'c' && (a.size(0) == 1 || a.stride(0) == a.size(1))
                && (a.size(1) == 1 || a.stride(1) == 1) && a.data().length() >= a.length();
    }
}
