package org.repro4j.data;

import org.datavec.api.records.metadata.RecordMetaData;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw data sets as files on disk give them: features are pixel values 0..255 in file order,
 * labels one-hot over 10 classes, and each example's origin as a DataVec {@code RecordMetaDataIndex}
 * (file URI, index in the file) in {@link DataSet#getExampleMetaData()}. Scaling and splitting are
 * the protocols' job ({@link Protocols}).
 */
public final class Datasets {
    public static final int NUM_CLASSES = 10;

    private Datasets() {
    }

    /**
     * CIFAR-10 batches concatenated in the order given: features [10,000 x batches, 3072].
     *
     * @param batchFiles names under {@code cifar-10-batches-bin/}, e.g. {@link DataFiles#CIFAR_TRAIN_BATCHES}
     */
    public static DataSet cifar(Path dataDir, List<String> batchFiles, DataType dtype) {
        Path folder = dataDir.resolve(DataFiles.CIFAR_DIR);
        List<Path> paths = batchFiles.stream().map(folder::resolve).toList();
        return readWithOrigins(new CifarRecordReader(paths), dtype, Integer.MAX_VALUE);
    }

    /** MNIST training (60,000) or test (10,000) images: features [N, 784]. */
    public static DataSet mnist(Path dataDir, boolean train, DataType dtype) {
        return mnist(dataDir, train, dtype, Integer.MAX_VALUE);
    }

    /**
     * The first {@code count} MNIST training or test images (all of them when there are fewer),
     * without the others: the TDT4265 protocol uses 20,000 of the 60,000, and reading all of them as
     * floats to copy out the first third raised a full run's peak memory by about 0.3 GB.
     */
    public static DataSet mnist(Path dataDir, boolean train, DataType dtype, int count) {
        Path folder = dataDir.resolve(DataFiles.MNIST_DIR);
        MnistRecordReader reader = train
                ? new MnistRecordReader(folder.resolve(DataFiles.MNIST_TRAIN_IMAGES), folder.resolve(DataFiles.MNIST_TRAIN_LABELS))
                : new MnistRecordReader(folder.resolve(DataFiles.MNIST_TEST_IMAGES), folder.resolve(DataFiles.MNIST_TEST_LABELS));
        return readWithOrigins(reader, dtype, count);
    }

    /** Reads the first {@code limit} records, and where each came from (file URI and index in that file). */
    private static DataSet readWithOrigins(LabeledImageReader reader, DataType dtype, int limit) {
        DataSet dataSet = RecordLoading.readFirst(reader, limit, NUM_CLASSES, dtype);
        List<RecordMetaData> origins = reader.recordMetaData();
        dataSet.setExampleMetaData(origins.size() > dataSet.numExamples()
                ? new ArrayList<>(origins.subList(0, dataSet.numExamples())) : origins);
        return dataSet;
    }
}
