package org.repro4j.data;

import java.lang.ref.Reference;
import java.util.function.Supplier;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BroadcastOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A row vector added to, subtracted from or divided into every row of a matrix in place, and the
 * z-score built on them: the broadcast ops ND4J's {@code addiRowVector}, {@code subiRowVector},
 * {@code diviRowVector} and {@code NormalizerStandardize.transform} run, the same numbers bit for bit,
 * but with the op held reachable until its native call has returned.
 *
 * <p>Why: ND4J 1.0.0-M2.1 makes each broadcast op its own dimension array, and its executioner
 * ({@code NativeOpExecutioner.exec(BroadcastOp)}) passes that array's native handle to
 * {@code execBroadcast} and never touches the op again. Compiled, nothing then holds the op or the
 * array: a garbage collection during the call (another thread's, or the periodic one of
 * {@code bin/env.sh}) lets ND4J's deallocator thread delete the handle while the native code is about
 * to read it. That is the SIGSEGV in {@code sd::DataBuffer::primary()} under {@code execBroadcast}
 * that killed two runs, each 6 to 9 ms after a collection, in an evaluation's bias add and its
 * z-score (bench/NOTES.md, items 17 and 18; {@code RowOpsTest}).
 */
public final class RowOps {
    private RowOps() {
    }

    /** matrix[i, j] += row[j] for every row i; returns {@code matrix}. */
    public static INDArray addi(INDArray matrix, INDArray row) {
        held(() -> new BroadcastAddOp(matrix, row, matrix, 1), RowOps::execute);
        return matrix;
    }

    /** matrix[i, j] -= row[j] for every row i; returns {@code matrix}. */
    public static INDArray subi(INDArray matrix, INDArray row) {
        held(() -> new BroadcastSubOp(matrix, row, matrix, 1), RowOps::execute);
        return matrix;
    }

    /** matrix[i, j] /= row[j] for every row i; returns {@code matrix}. */
    public static INDArray divi(INDArray matrix, INDArray row) {
        held(() -> new BroadcastDivOp(matrix, row, matrix, 1), RowOps::execute);
        return matrix;
    }

    /**
     * The normalizer applied to {@code rows} in place: for a fitted {@link NormalizerStandardize}, the
     * two broadcasts of its {@code StandardizeStrategy} (its standard deviation has no zero to replace
     * by 1: ND4J's {@code DistributionStats} raises it to at least {@code Nd4j.EPS_THRESHOLD} when made);
     * any other normalizer through its own {@code transform}. Features only, as {@code transform} of
     * an array: a normalizer fitted on labels too takes its own path.
     */
    public static INDArray standardize(INDArray rows, DataNormalization normalizer) {
        if (normalizer instanceof NormalizerStandardize z && !z.isFitLabel() && rows.rank() == 2) {
            subi(rows, z.getMean().castTo(rows.dataType()));
            return divi(rows, z.getStd().castTo(rows.dataType()));
        }
        normalizer.transform(rows);
        return rows;
    }

    /**
     * Makes the op and runs it through {@code executioner}, keeping it (and so its dimension array and
     * any cast operand) reachable until that returns, where {@code exec(new BroadcastAddOp(...))}, as
     * ND4J's own methods call it, leaves the op to the executioner alone. Package-private for the
     * test, which stands in for the executioner.
     */
    static void held(Supplier<BroadcastOp> make, Executioner executioner) {
        BroadcastOp op = make.get();
        try {
            executioner.exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    /** What runs a broadcast op: ND4J's executioner, or the test's stand-in for it. */
    interface Executioner {
        void exec(BroadcastOp op);
    }

    private static void execute(BroadcastOp op) {
        Nd4j.getExecutioner().exec(op);
    }
}
