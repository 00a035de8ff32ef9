package org.repro4j.data.augment;

import java.util.Arrays;

import org.datavec.api.writable.NDArrayWritable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One record's features as a slice of a whole batch held in one Java array ({@code float[]} for a
 * float batch, else {@code double[]}): the features column of a record the caller owns. A {@link RandomFeatureTransform} changes the slice in place;
 * any other DataVec transform reads a [1, length] INDArray copy through {@link #get()}, and
 * {@link #set} writes a result back into the slice.
 *
 * <p>Why: a copy in and out of native memory for each image (several ND4J allocations and ops
 * per record) cost more than a training step; with the batch copied once each way
 * ({@link BatchValues}) an augmented record costs only its Java loop.
 *
 * <p>A slice lives for one pass through the pipeline: it holds no INDArray of its own, so
 * NDArrayWritable's serialisation, equality and hashing do not apply to it.
 */
public final class FeatureSlice extends NDArrayWritable {
    /** The batch's values: exactly one of the two arrays is set. */
    private final double[] values;
    private final float[] floats;
    private final int offset;
    private final int length;
    private final DataType dataType;

    /** Elements {@code [offset, offset + length)} of {@code values}; {@code dataType} is that of {@link #get()}'s copy. */
    public FeatureSlice(double[] values, int offset, int length, DataType dataType) {
        this(values, null, values.length, offset, length, dataType);
    }

    /** Elements {@code [offset, offset + length)} of a float batch's {@code values}. */
    public FeatureSlice(float[] values, int offset, int length) {
        this(null, values, values.length, offset, length, DataType.FLOAT);
    }

    private FeatureSlice(double[] values, float[] floats, int size, int offset, int length, DataType dataType) {
        if (offset < 0 || length < 1 || offset + length > size) {
            throw new IllegalArgumentException("slice [" + offset + ", " + (offset + length) + ") of " + size
                    + " values");
        }
        this.values = values;
        this.floats = floats;
        this.offset = offset;
        this.length = length;
        this.dataType = dataType;
    }

    /** The shared double array, or null for a float batch: this record's features are {@code [offset(), offset() + length())}. */
    double[] values() {
        return values;
    }

    /** The shared float array, or null for a batch of another type. */
    float[] floats() {
        return floats;
    }

    int offset() {
        return offset;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public double getDouble(long i) {
        return floats != null ? floats[offset + (int) i] : values[offset + (int) i];
    }

    @Override
    public float getFloat(long i) {
        return (float) getDouble(i);
    }

    /** A copy of the features as a [1, length] INDArray. */
    @Override
    public INDArray get() {
        if (floats != null) {
            return Nd4j.create(Arrays.copyOfRange(floats, offset, offset + length), new long[] {1, length}, 'c');
        }
        return Nd4j.create(Arrays.copyOfRange(values, offset, offset + length), new long[] {1, length}, 'c')
                .castTo(dataType);
    }

    /** Writes {@code array}'s elements (C order, {@code length} of them) into the slice. */
    @Override
    public void set(INDArray array) {
        if (array.length() != length) {
            throw new IllegalArgumentException("a record of " + length + " features cannot take " + array.length()
                    + " values");
        }
        if (floats != null) {
            System.arraycopy(array.castTo(DataType.FLOAT).dup('c').data().asFloat(), 0, floats, offset, length);
        } else {
            System.arraycopy(array.dup('c').data().asDouble(), 0, values, offset, length);
        }
    }

    @Override
    public String toString() {
        return "FeatureSlice[" + offset + ", " + (offset + length) + ")";
    }
}
