package org.repro4j.data.augment;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.repro4j.data.HostArrays;

/**
 * A batch's features copied into a Java array and back, each way in one bulk copy of native
 * memory, so that per-record augmentations ({@link FeatureSlice}) work on plain Java values: a
 * float batch into a {@code float[]}, any other into a {@code double[]}. Dense row-major float
 * and double matrices in host memory ({@link HostArrays}) are read and written through their
 * native memory directly; anything else through an ND4J copy.
 *
 * <p>Why a float batch stays float: reading it element by element into doubles and back was most
 * of an augmented training's step (a profile of {@code dd2424-bonus-t2}, bench/NOTES.md), and
 * an augmentation rounds each value it changes to the batch's type either way, as DataVec's
 * record-by-record path ({@link RandomFeatureTransform#apply}) does.
 */
public final class BatchValues {
    private BatchValues() {
    }

    /**
     * Rows {@code [from, to)} of a float matrix, or rows {@code order[from..to)} when {@code order}
     * is given, one after another in C order, in {@code reuse} when it is long enough.
     */
    public static float[] readRows(INDArray source, int[] order, int from, int to, float[] reuse) {
        if (source.dataType() != DataType.FLOAT || source.rank() != 2) {
            throw new IllegalArgumentException("readRows reads a float matrix, got " + source.dataType() + " of rank "
                    + source.rank());
        }
        int cols = Math.toIntExact(source.size(1));
        int n = Math.multiplyExact(to - from, cols);
        float[] values = reuse != null && reuse.length >= n ? reuse : new float[n];
        FloatBuffer in = HostArrays.floats(source);
        if (in != null) {
            for (int i = from; i < to; i++) {
                int row = order == null ? i : order[i];
                in.get(row * cols, values, (i - from) * cols, cols);
            }
        } else {
            INDArray rows = order == null
                    ? source.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup('c')
                    : Nd4j.pullRows(source, 1, Arrays.copyOfRange(order, from, to));
            System.arraycopy(rows.dup('c').data().asFloat(), 0, values, 0, n);
        }
        return values;
    }

    /** Writes the first {@code batch.length()} values back into the float {@code batch}. */
    public static void write(float[] values, INDArray batch) {
        int n = Math.toIntExact(batch.length());
        FloatBuffer out = HostArrays.floats(batch);
        if (out != null) {
            out.put(0, values, 0, n);
        } else {
            float[] exact = values.length == n ? values : Arrays.copyOf(values, n);
            batch.assign(Nd4j.create(exact, batch.shape(), 'c'));
        }
    }

    /** The batch's elements in C order as doubles, in {@code reuse} when it is long enough. */
    public static double[] read(INDArray batch, double[] reuse) {
        int n = Math.toIntExact(batch.length());
        double[] values = reuse != null && reuse.length >= n ? reuse : new double[n];
        DoubleBuffer in = HostArrays.doubles(batch);
        if (in != null) {
            in.get(0, values, 0, n);
        } else {
            System.arraycopy(batch.dup('c').data().asDouble(), 0, values, 0, n);
        }
        return values;
    }

    /** Writes the first {@code batch.length()} values back into {@code batch}, cast to its data type. */
    public static void write(double[] values, INDArray batch) {
        int n = Math.toIntExact(batch.length());
        DoubleBuffer out = HostArrays.doubles(batch);
        if (out != null) {
            out.put(0, values, 0, n);
        } else {
            double[] exact = values.length == n ? values : Arrays.copyOf(values, n);
            batch.assign(Nd4j.create(exact, batch.shape(), 'c').castTo(batch.dataType()));
        }
    }
}
