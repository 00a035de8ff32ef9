package org.repro4j.data.augment;

import java.util.SplittableRandom;

import org.datavec.api.transform.ColumnType;
import org.datavec.api.transform.metadata.ColumnMetaData;
import org.datavec.api.transform.schema.Schema;
import org.datavec.api.transform.transform.BaseColumnTransform;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonIgnoreProperties;
import org.repro4j.ReproException;

/**
 * Base of the random augmentations: a DataVec column transform on the NDArray column
 * {@link Augmentations#FEATURES} that draws its randomness from a {@link SplittableRandom}
 * seeded once, so a transform built with the same seed produces the same sequence of outputs.
 *
 * <p>The randomness is plain Java rather than ND4J's native RNG so that the sequence does not
 * depend on the ND4J backend (CPU or CUDA). An INDArray input is never modified: views of a
 * training set can pass through safely. A {@link FeatureSlice} (a record whose features the
 * caller owns) is changed in place, with the same random draws and the same values. The random
 * state is not serialised; a deserialised transform starts again from its seed. Not thread-safe: give each iterator its own pipeline.
 */
@JsonIgnoreProperties({"inputSchema", "columnNumber", "columnName"})
public abstract class RandomFeatureTransform extends BaseColumnTransform {
    private final long seed;
    private transient SplittableRandom random;

    protected RandomFeatureTransform(long seed) {
        super(Augmentations.FEATURES);
        this.seed = seed;
    }

    public long getSeed() {
        return seed;
    }

    @Override
    public void setInputSchema(Schema inputSchema) {
        if (!inputSchema.hasColumn(columnName) || inputSchema.getType(columnName) != ColumnType.NDArray) {
            throw new ReproException(getClass().getSimpleName() + " needs an NDArray column named '" + columnName
                    + "' but the schema has columns " + inputSchema.getColumnNames() + " of types "
                    + inputSchema.getColumnTypes() + "; build the pipeline with Augmentations.chain(...).");
        }
        super.setInputSchema(inputSchema);
    }

    @Override
    public ColumnMetaData getNewColumnMetaData(String newName, ColumnMetaData oldColumnType) {
        return oldColumnType.clone();
    }

    @Override
    public Writable map(Writable columnWritable) {
        if (!(columnWritable instanceof NDArrayWritable ndArrayWritable)) {
            throw new ReproException(getClass().getSimpleName() + ": column '" + columnName
                    + "' must hold an NDArrayWritable, got " + columnWritable.getClass().getSimpleName() + ".");
        }
        if (columnWritable instanceof FeatureSlice slice) {
            SplittableRandom random = random();
            if (changesNext(slice.length(), random)) {
                if (slice.floats() != null) {
                    augment(slice.floats(), slice.offset(), (int) slice.length(), random);
                } else {
                    augment(slice.values(), slice.offset(), (int) slice.length(), random);
                }
            }
            return slice;
        }
        INDArray in = ndArrayWritable.get();
        INDArray out = apply(in);
        return out == in ? columnWritable : new NDArrayWritable(out);
    }

    /** The DataVec "map an Object" path: takes and returns an {@link INDArray}. */
    @Override
    public Object map(Object input) {
        if (!(input instanceof INDArray array)) {
            throw new ReproException(getClass().getSimpleName() + " maps INDArray features, got "
                    + (input == null ? "null" : input.getClass().getSimpleName()) + ".");
        }
        return apply(array);
    }

    /** Returns the augmented features as a new array, or {@code in} itself when left unchanged. */
    public INDArray apply(INDArray in) {
        SplittableRandom random = random();
        if (!changesNext(in.length(), random)) {
            return in;
        }
        // A contiguous Java copy: the loops of augment() then touch no native memory per value.
        double[] values = in.dup('c').data().asDouble();
        augment(values, 0, values.length, random);
        INDArray out = Nd4j.createUninitialized(in.dataType(), in.shape(), 'c');
        out.data().setData(values);
        return out;
    }

    /**
     * Checks the record's feature count and decides whether this one is changed at all, before
     * any copy is made. Default: every record is changed.
     */
    protected boolean changesNext(long numFeatures, SplittableRandom random) {
        return true;
    }

    /**
     * Changes one record's features in place: {@code values[from, from + length)}, flattened in C
     * order (a private copy of an INDArray input, or the caller's {@link FeatureSlice}).
     */
    protected abstract void augment(double[] values, int from, int length, SplittableRandom random);

    /**
     * The same change on a float batch's values, with the same random draws: each changed value
     * computed as {@link #augment(double[], int, int, SplittableRandom)} computes it and rounded
     * to float once, which is what {@link #apply} gives a float record.
     */
    protected abstract void augment(float[] values, int from, int length, SplittableRandom random);

    private SplittableRandom random() {
        if (random == null) {
            random = new SplittableRandom(seed);
        }
        return random;
    }
}
