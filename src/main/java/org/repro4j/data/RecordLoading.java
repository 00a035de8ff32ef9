package org.repro4j.data;

import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.reader.RecordReader;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.datavec.api.writable.batch.NDArrayRecordBatch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.repro4j.ReproException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;

/**
 * Turns a whole DataVec record reader into one in-memory {@link DataSet}. The data sets here are
 * small enough to hold at once (CIFAR-10 is 600 MB in float), and the experiments index into them
 * (order, slices, shuffles) far more often than they stream them.
 *
 * <p>It does what DL4J's {@code RecordReaderDataSetIterator} does with a label index and a class
 * count, for all records at once; that class lives in {@code deeplearning4j-datavec-iterators},
 * which this project does not depend on. Readers that serve batches ({@link NDArrayRecordBatch},
 * as the readers of this package and DataVec's image readers do) are read a batch at a time, which
 * is what makes loading fast; other readers record by record.
 */
public final class RecordLoading {
    /** Rows per chunk when reading record by record: large enough to amortise native calls. */
    private static final int BATCH_ROWS = 10_000;

    private RecordLoading() {
    }

    /**
     * Reads every record of the reader (after a reset, when the reader supports one) into one data set.
     * A record is its features (NDArrayWritables, flattened, and/or numeric writables) followed by an
     * integer class label; a batch is an {@link NDArrayRecordBatch} of features [n, D] and labels that are
     * either one-hot [n, numClasses] or class indices [n, 1].
     *
     * @return features [N, D] as given by the reader (raw pixel values for the image readers), labels
     *         one-hot [N, numClasses], both of {@code dtype}; label names when the reader has
     *         {@code numClasses} of them; and, for readers read record by record, each example's
     *         {@link RecordMetaData} (this package's readers give theirs through
     *         {@link CifarRecordReader#recordMetaData()}, which {@link Datasets} attaches)
     * @throws ReproException when the reader is empty, a label is outside 0..numClasses-1, or records
     *                        differ in length
     */
    public static DataSet readAll(RecordReader reader, int numClasses, DataType dtype) {
        return readFirst(reader, Integer.MAX_VALUE, numClasses, dtype);
    }

    /**
     * Like {@link #readAll}, but only the first {@code limit} records (all when there are fewer): a
     * protocol that uses the head of a file reads no more of it into memory than that head.
     */
    public static DataSet readFirst(RecordReader reader, int limit, int numClasses, DataType dtype) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        if (reader.resetSupported()) {
            reader.reset();
        }
        Rows rows = new Rows(numClasses, dtype);
        while (reader.hasNext() && rows.count < limit) {
            if (reader.batchesSupported()) {
                // Everything in one batch: one native array and no concatenation. For CIFAR-10's 50,000
                // training records this takes about 1 s; batches of 10,000 took 3 to 8 s, records one by one 9 to 21 s.
                List<List<Writable>> batch = reader.next(limit - rows.count);
                if (batch instanceof NDArrayRecordBatch arrays) {
                    rows.addBatch(arrays.getArrays(), reader);
                } else {
                    batch.forEach(record -> rows.addRecord(record, null));
                }
            } else {
                Record record = reader.nextRecord();
                rows.addRecord(record.getRecord(), record.getMetaData());
            }
        }
        if (rows.count == 0) {
            throw new ReproException("The record reader " + reader.getClass().getSimpleName() + " has no records.");
        }
        DataSet dataSet = rows.toDataSet();
        if (reader.getLabels() != null && reader.getLabels().size() == numClasses) {
            dataSet.setLabelNames(reader.getLabels());
        }
        return dataSet;
    }

    /** One-hot [labels.length, numClasses] of the given class indices, which must lie in range. */
    static INDArray oneHot(int[] labels, int numClasses, DataType dtype) {
        float[] oneHot = new float[labels.length * numClasses];
        for (int i = 0; i < labels.length; i++) {
            oneHot[i * numClasses + labels[i]] = 1f;
        }
        return Nd4j.create(oneHot, new long[] {labels.length, numClasses}, 'c').castTo(dtype);
    }

    /** The rows read so far, gathered into native chunks of {@link #BATCH_ROWS}. */
    private static final class Rows {
        private final int numClasses;
        private final DataType dtype;
        private final List<INDArray> featureChunks = new ArrayList<>();
        private final List<INDArray> labelChunks = new ArrayList<>();
        private final List<RecordMetaData> metaData = new ArrayList<>();
        private double[] pendingFeatures;
        private int[] pendingLabels = new int[BATCH_ROWS];
        private int pending;
        private int width = -1;
        private int count;

        Rows(int numClasses, DataType dtype) {
            this.numClasses = numClasses;
            this.dtype = dtype;
        }

        void addBatch(List<INDArray> arrays, RecordReader reader) {
            String where = "a batch from " + reader.getClass().getSimpleName() + " after " + count + " records";
            if (arrays.size() != 2) {
                throw new ReproException(where + " has " + arrays.size() + " arrays; expected features and labels.");
            }
            INDArray features = arrays.get(0);
            INDArray labels = arrays.get(1);
            long n = features.size(0);
            checkWidth(features.length() / n, where);
            flushPending();
            // reshape gives a view even when the shape stays, and a view cannot be closed: the splits made of it
            // would wait for a garbage collection to free their memory (SplitsStore releases them explicitly).
            INDArray rows = features.rank() == 2 && features.size(1) == width ? features : features.reshape(n, width);
            featureChunks.add(converted(rows, dtype));
            if (labels.rank() == 2 && labels.size(1) == numClasses && numClasses > 1) {
                labelChunks.add(converted(labels, dtype));
            } else if (labels.length() == n) {
                int[] classes = labels.reshape(n).toIntVector();
                for (int i = 0; i < classes.length; i++) {
                    checkLabel(classes[i], where + ", row " + i);
                }
                labelChunks.add(oneHot(classes, numClasses, dtype));
            } else {
                throw new ReproException(where + " has labels of shape " + Arrays.toString(labels.shape())
                        + "; expected [" + n + ", " + numClasses + "] one-hot or [" + n + ", 1] class indices.");
            }
            count += (int) n;
        }

        void addRecord(List<Writable> record, RecordMetaData origin) {
            String where = origin == null ? "record " + count : origin.getLocation();
            if (record.size() < 2) {
                throw new ReproException(where + " has " + record.size() + " values; expected features then a label.");
            }
            double[] features = features(record);
            checkWidth(features.length, where);
            int label = record.get(record.size() - 1).toInt();
            checkLabel(label, where);
            if (pendingFeatures == null) {
                pendingFeatures = new double[BATCH_ROWS * width];
            }
            System.arraycopy(features, 0, pendingFeatures, pending * width, width);
            pendingLabels[pending++] = label;
            if (origin != null) {
                metaData.add(origin);
            }
            count++;
            if (pending == BATCH_ROWS) {
                flushPending();
            }
        }

        private void flushPending() {
            if (pending == 0) {
                return;
            }
            double[] used = Arrays.copyOf(pendingFeatures, pending * width);
            featureChunks.add(Nd4j.create(used, new long[] {pending, width}, 'c').castTo(dtype));
            labelChunks.add(oneHot(Arrays.copyOf(pendingLabels, pending), numClasses, dtype));
            pending = 0;
        }

        /** The feature values of a record, in double so that no reader's values lose precision here. */
        private static double[] features(List<Writable> record) {
            List<Writable> values = record.subList(0, record.size() - 1);
            if (values.size() == 1 && values.get(0) instanceof NDArrayWritable array) {
                return array.get().ravel().toDoubleVector();
            }
            DoubleStream.Builder all = DoubleStream.builder();
            for (Writable value : values) {
                if (value instanceof NDArrayWritable array) {
                    Arrays.stream(array.get().ravel().toDoubleVector()).forEach(all);
                } else {
                    all.add(value.toDouble());
                }
            }
            return all.build().toArray();
        }

        private void checkWidth(long rowWidth, String where) {
            if (width < 0) {
                width = (int) rowWidth;
            } else if (rowWidth != width) {
                throw new ReproException(where + " has " + rowWidth + " feature values, the records before it "
                        + width + ": the input does not hold one kind of record.");
            }
        }

        private void checkLabel(int label, String where) {
            if (label < 0 || label >= numClasses) {
                throw new ReproException(where + " has label " + label + ", outside 0.." + (numClasses - 1) + ".");
            }
        }

        DataSet toDataSet() {
            flushPending();
            DataSet dataSet = new DataSet(concat(featureChunks), concat(labelChunks));
            if (metaData.size() == count) {
                dataSet.setExampleMetaData(metaData);
            }
            return dataSet;
        }

        private static INDArray concat(List<INDArray> chunks) {
            if (chunks.size() == 1) {
                return chunks.get(0);
            }
            INDArray all = Nd4j.concat(0, chunks.toArray(INDArray[]::new));
            chunks.forEach(RecordLoading::free);
            return all;
        }
    }

    /** The array in {@code dtype}; when that takes a copy, the reader's array is freed now (see {@link #free}). */
    private static INDArray converted(INDArray array, DataType dtype) {
        if (array.dataType() == dtype) {
            return array;
        }
        INDArray copy = array.castTo(dtype);
        free(array);
        return copy;
    }

    /**
     * Frees an array nothing reads any more now, rather than when the garbage collector collects it:
     * loading CIFAR-10 makes several copies of 150-600 MB, and ND4J would otherwise keep each until
     * a collection, which the small Java heap may not need for a long time.
     */
    static void free(INDArray a) {
        if (a != null && a.closeable()) {
            a.close();
        }
    }
}
