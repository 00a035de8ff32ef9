package org.repro4j.data;

import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.records.reader.BaseRecordReader;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.datavec.api.writable.batch.NDArrayRecordBatch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.net.URI;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A DataVec reader over labelled images decoded into memory at initialisation, so that a damaged
 * file is reported before any training starts. Each record is
 * {@code [NDArrayWritable(1 x D raw pixel values 0..255), IntWritable(label)]}; its metadata is a
 * {@link RecordMetaDataIndex} holding the file URI and the image's index in that file.
 *
 * <p>Like DataVec's own image readers it also serves whole batches ({@link #next(int)}): one
 * {@link NDArrayRecordBatch} of features [n, D] and one-hot labels [n, classes]. Creating one small
 * native array per record costs 30 to 140 us on these machines, so 50,000 records one by one take
 * 1.5 to 7 s before any copying; one batch of all of them takes under a second.
 */
abstract class LabeledImageReader extends BaseRecordReader {
    private final List<String> labels;
    private List<ImageFile> files = List.of();
    private Configuration conf;
    private int fileIndex;
    private int imageIndex;

    LabeledImageReader(List<String> labels) {
        this.labels = List.copyOf(labels);
    }

    /** Decodes and validates the given files; throws ReproException naming the file when one is bad. */
    abstract List<ImageFile> load(List<Path> paths);

    final void setFiles(List<Path> paths) {
        files = List.copyOf(load(paths));
        reset();
    }

    /** The number of records over all files. */
    public final int numRecords() {
        return files.stream().mapToInt(ImageFile::count).sum();
    }

    @Override
    public void initialize(InputSplit split) {
        List<Path> paths = new ArrayList<>();
        for (URI uri : split.locations()) {
            paths.add(Path.of(uri));
        }
        setFiles(paths);
    }

    @Override
    public void initialize(Configuration conf, InputSplit split) {
        setConf(conf);
        initialize(split);
    }

    @Override
    public boolean hasNext() {
        skipExhaustedFiles();
        return fileIndex < files.size();
    }

    @Override
    public List<Writable> next() {
        return nextRecord().getRecord();
    }

    @Override
    public Record nextRecord() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + numRecords() + " records have been read; call reset()");
        }
        Record record = record(files.get(fileIndex), imageIndex++);
        invokeListeners(record);
        return record;
    }

    private void skipExhaustedFiles() {
        while (fileIndex < files.size() && imageIndex >= files.get(fileIndex).count()) {
            fileIndex++;
            imageIndex = 0;
        }
    }

    private Record record(ImageFile file, int index) {
        List<Writable> values = List.of(
                new NDArrayWritable(Nd4j.createFromArray(file.pixelValues(index)).reshape(1, file.imageBytes())),
                new IntWritable(file.label(index)));
        return new org.datavec.api.records.impl.Record(values, new RecordMetaDataIndex(index, file.uri(), getClass()));
    }

    @Override
    public boolean batchesSupported() {
        return true;
    }

    /**
     * The next {@code num} records (fewer at the end) as one batch: features [n, D] with raw pixel values
     * and one-hot labels [n, classes], both FLOAT, as DataVec's ImageRecordReader gives them.
     */
    @Override
    public List<List<Writable>> next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + numRecords() + " records have been read; call reset()");
        }
        int rows = Math.min(num, remaining());
        int width = files.get(fileIndex).imageBytes();
        int classes = labels.size();
        float[] oneHot = new float[rows * classes];
        INDArray features;
        FloatBuffer host = null;
        byte[] pixels = null;
        float[] row = null;
        if (HostArrays.directAccess()) {
            // Each image's values straight into the native float array: loading CIFAR-10's 50,000 training
            // images then holds no second copy of them (bytes on the heap, then natively) while it runs.
            features = Nd4j.createUninitialized(DataType.FLOAT, rows, width);
            host = HostArrays.floats(features);
            row = new float[width];
        } else {
            features = null;
            pixels = new byte[rows * width];
        }
        for (int r = 0; r < rows; r++) {
            skipExhaustedFiles();
            ImageFile file = files.get(fileIndex);
            if (host != null) {
                file.copyPixelValues(imageIndex, row);
                host.put(r * width, row, 0, width);
            } else {
                file.copyPixels(imageIndex, pixels, r * width);
            }
            oneHot[r * classes + file.label(imageIndex)] = 1f;
            imageIndex++;
        }
        if (host == null) {
            // Bytes go to ND4J as unsigned 8-bit values and are widened there (the same values): a quarter
            // of the copying of float[] arrays, and through the ND4J API, so it is right on every backend.
            INDArray bytes = Nd4j.create(Nd4j.createTypedBuffer(pixels, DataType.UINT8), rows, width);
            features = bytes.castTo(DataType.FLOAT);
            RecordLoading.free(bytes);
        }
        return new NDArrayRecordBatch(features, Nd4j.create(oneHot, new long[] {rows, classes}, 'c'));
    }

    private int remaining() {
        int remaining = files.get(fileIndex).count() - imageIndex;
        for (int i = fileIndex + 1; i < files.size(); i++) {
            remaining += files.get(i).count();
        }
        return remaining;
    }

    /** Where each record comes from, in reading order: file URI and index in that file. */
    public final List<RecordMetaData> recordMetaData() {
        List<RecordMetaData> all = new ArrayList<>(numRecords());
        for (ImageFile file : files) {
            for (int i = 0; i < file.count(); i++) {
                all.add(new RecordMetaDataIndex(i, file.uri(), getClass()));
            }
        }
        return all;
    }

    @Override
    public Record loadFromMetaData(RecordMetaData metaData) {
        if (!(metaData instanceof RecordMetaDataIndex indexed)) {
            throw new IllegalArgumentException("expected a RecordMetaDataIndex from this reader, got " + metaData);
        }
        for (ImageFile file : files) {
            if (file.uri().equals(indexed.getURI()) && indexed.getIndex() < file.count()) {
                return record(file, (int) indexed.getIndex());
            }
        }
        throw new IllegalArgumentException("no record " + indexed.getIndex() + " in " + indexed.getURI()
                + " among this reader's files");
    }

    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> metaData) {
        List<Record> records = new ArrayList<>(metaData.size());
        for (RecordMetaData one : metaData) {
            records.add(loadFromMetaData(one));
        }
        return records;
    }

    @Override
    public List<String> getLabels() {
        return labels;
    }

    @Override
    public void reset() {
        fileIndex = 0;
        imageIndex = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public void close() {
        files = List.of();
        reset();
    }

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public Configuration getConf() {
        return conf;
    }
}
