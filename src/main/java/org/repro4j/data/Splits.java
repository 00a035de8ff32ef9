package org.repro4j.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.repro4j.spec.DataSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The data of one protocol, ready for training: features scaled, labels one-hot (or one 0/1 column
 * for a two-digit MNIST task). The splits never share a record.
 *
 * <p>The CIFAR-10 protocols also z-score the features with the training split's statistics. They
 * come in two forms, each held once ({@link SplitsStore}): {@link #load} gives the splits in pixel
 * scale with that {@code normalizer} to apply to rows on their way to the network (each mini-batch,
 * each evaluation block, {@link #inputs}), which is what augmentations need, since they act on
 * pixels; {@link #normalized()} gives them z-scored once, with no normalizer left to apply, which
 * spares every other training the per-batch transform. Both give the network the same numbers bit
 * for bit (the same element-wise ND4J operations on the same values; {@code RealDataTest}). Keeping
 * both copies of a split at all times doubled the memory of the largest protocols (1.3 GB for
 * cifar-all-5k).
 *
 * @param train      the training split, scaled
 * @param val        the validation split, scaled the same way; null for {@code mnist-vu-final}
 * @param test       the test split, scaled the same way; null for {@code mnist-tdt} and
 *                   {@code synthetic-ellipse}
 * @param normalizer the z-scoring fitted on the training split, to apply to any rows before the
 *                   network sees them; null when the features are the network's inputs already
 */
public record Splits(DataSet train, DataSet val, DataSet test, DataNormalization normalizer) {

    /** QUICK mode (a smoke run): at most this many training examples, ... */
    public static final int QUICK_TRAIN = 2000;
    /** ... and this many examples of each evaluated split. */
    public static final int QUICK_EVAL = 1000;

    /** Splits of a protocol without a fitted normalizer. */
    public Splits(DataSet train, DataSet val, DataSet test) {
        this(train, val, test, null);
    }

    /**
     * The splits a data spec names, from the protocol's files in {@code dataDir}; with {@code quick},
     * the first {@link #QUICK_TRAIN} training and {@link #QUICK_EVAL} validation and test examples.
     */
    public static Splits load(DataSpec data, Path dataDir, boolean quick) {
        return quick(Protocols.load(data.protocol(), options(data, dataDir)), quick);
    }

    /**
     * The training split alone (the others null) and the normalizer fitted on it, as {@link #load}
     * gives them, without holding the other splits (the gradient check's double-precision copy).
     */
    public static Splits loadTraining(DataSpec data, Path dataDir, boolean quick) {
        return quick(Protocols.loadTraining(data.protocol(), options(data, dataDir)), quick);
    }

    private static ProtocolOptions options(DataSpec data, Path dataDir) {
        int[] digits = data.digits() == null ? null : data.digits().stream().mapToInt(Integer::intValue).toArray();
        return new ProtocolOptions(dataDir, data.dataType(), digits, data.seed());
    }

    private static Splits quick(Splits s, boolean quick) {
        if (!quick) {
            return s;
        }
        Splits cut = s.head(QUICK_TRAIN, QUICK_EVAL);
        List<DataSet> kept = cut.distinct();
        for (DataSet d : s.distinct()) {
            if (kept.stream().noneMatch(x -> x == d)) {
                DataSlices.release(d);
            }
        }
        return cut;
    }

    /**
     * These splits as the network sees them, z-scored once: new arrays and no normalizer when there
     * is one to apply, else these same splits.
     */
    public Splits normalized() {
        if (normalizer == null) {
            return this;
        }
        return new Splits(normalizedCopy(train), normalizedCopy(val), normalizedCopy(test), null);
    }

    /**
     * These splits normalised in place (their arrays change), for splits nobody else holds; the
     * result has no normalizer left to apply. The same numbers as {@link #normalized()}.
     */
    public Splits normalizeInPlace() {
        if (normalizer == null) {
            return this;
        }
        for (DataSet split : distinct()) {
            RowOps.standardize(split.getFeatures(), normalizer);
        }
        return new Splits(train, val, test, null);
    }

    private DataSet normalizedCopy(DataSet split) {
        if (split == null) {
            return null;
        }
        DataSet copy = DataSlices.copy(split);
        RowOps.standardize(copy.getFeatures(), normalizer);
        return copy;
    }

    /** The first {@code train} training examples (and pixel copies) and {@code eval} of validation and test. */
    Splits head(int train, int eval) {
        return new Splits(head(this.train, train), head(val, eval), head(test, eval), normalizer);
    }

    /** The split of that name ({@code train}, {@code val}, {@code test}), or null when the protocol has none. */
    public DataSet split(String name) {
        return switch (name) {
            case "train" -> train;
            case "val" -> val;
            case "test" -> test;
            default -> throw new IllegalArgumentException("no split '" + name + "'; expected train, val or test");
        };
    }

    /** The same splits without the test split: what a search's candidates may see. */
    public Splits withoutTest() {
        return new Splits(train, val, null, normalizer);
    }

    /**
     * Rows {@code from} (inclusive) to {@code to} (exclusive) of one of these splits as the network
     * sees them: a new array, normalised when the protocol has a normalizer.
     */
    public INDArray inputs(DataSet split, long from, long to) {
        INDArray rows = split.getFeatures().get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup('c');
        if (normalizer != null) {
            RowOps.standardize(rows, normalizer);
        }
        return rows;
    }

    /** A whole split as the network sees it, as a new data set (tests and small splits; training uses batches). */
    public DataSet inputs(DataSet split) {
        return new DataSet(inputs(split, 0, split.numExamples()), split.getLabels());
    }

    /** Bytes of native memory the splits' arrays take. */
    long bytes() {
        long sum = 0;
        for (DataSet d : distinct()) {
            sum += d.getFeatures().length() * d.getFeatures().dataType().width()
                    + d.getLabels().length() * d.getLabels().dataType().width();
        }
        return sum;
    }

    /**
     * Frees the arrays' native memory now, rather than whenever the garbage collector gets to them;
     * the splits must not be used afterwards. {@link SplitsStore} calls this for splits nobody holds.
     */
    public void release() {
        for (DataSet d : distinct()) {
            DataSlices.release(d);
        }
    }

    private List<DataSet> distinct() {
        List<DataSet> all = new ArrayList<>();
        for (DataSet d : new DataSet[] {train, val, test}) {
            if (d != null && all.stream().noneMatch(x -> x == d)) {
                all.add(d);
            }
        }
        return all;
    }

    private static DataSet head(DataSet d, int n) {
        if (d == null || d.numExamples() <= n) {
            return d;
        }
        return new DataSet(d.getFeatures().get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).dup(),
                d.getLabels().get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).dup());
    }
}
