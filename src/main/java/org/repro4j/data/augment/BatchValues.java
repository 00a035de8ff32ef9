package org.repro4j.data.augment;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.repro4j.data.HostArrays;

/**
 * A batch's features copied into a Java array and back, each way in one pass over native
 * memory, so that per-record augmentations ({@link FeatureSlice}) work on plain Java values.
 * Dense row-major float and double matrices in host memory ({@link HostArrays}) are read and
 * written through their native memory directly; anything else through an ND4J copy.
 */
public final class BatchValues {
    private BatchValues() {
    }

    /** The batch's elements in C order, in {@code reuse} when it is long enough. */
    public static double[] read(INDArray batch, double[] reuse) {
        int n = Math.toIntExact(batch.length());
        double[] values = reuse != null && reuse.length >= n ? reuse : new double[n];
        if (direct(batch) && batch.dataType() == DataType.FLOAT) {
            FloatBuffer in = floats(batch, n);
            for (int i = 0; i < n; i++) {
                values[i] = in.get(i);
            }
        } else if (direct(batch)) {
            doubles(batch, n).get(0, values, 0, n);
        } else {
            System.arraycopy(batch.dup('c').data().asDouble(), 0, values, 0, n);
        }
        return values;
    }

    /** Writes the first {@code batch.length()} values back into {@code batch}, cast to its data type. */
    public static void write(double[] values, INDArray batch) {
        int n = Math.toIntExact(batch.length());
        if (direct(batch) && batch.dataType() == DataType.FLOAT) {
            FloatBuffer out = floats(batch, n);
            for (int i = 0; i < n; i++) {
                out.put(i, (float) values[i]);
            }
        } else if (direct(batch)) {
            doubles(batch, n).put(0, values, 0, n);
        } else {
            double[] exact = values.length == n ? values : java.util.Arrays.copyOf(values, n);
            batch.assign(Nd4j.create(exact, batch.shape(), 'c').castTo(batch.dataType()));
        }
    }

    /** A dense row-major float or double matrix in host memory whose elements start at its buffer's address. */
    private static boolean direct(INDArray a) {
        DataType t = a.dataType();
        if (!HostArrays.directAccess() || (t != DataType.FLOAT && t != DataType.DOUBLE) || a.rank() != 2 || a.offset() != 0) {
            return false;
        }
        return (a.size(0) == 1 || a.stride(0) == a.size(1)) && (a.size(1) == 1 || a.stride(1) == 1)
                && a.data().length() >= a.length();
    }

    private static FloatBuffer floats(INDArray a, int n) {
        return new FloatPointer(a.data().addressPointer()).capacity(n).limit(n).asBuffer();
    }

    private static DoubleBuffer doubles(INDArray a, int n) {
        return new DoublePointer(a.data().addressPointer()).capacity(n).limit(n).asBuffer();
    }
}
