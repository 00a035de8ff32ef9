package org.repro4j.data;

import java.util.List;

/**
 * Names of the data files under the data folder (see {@link DataDir}), as laid out by
 * {@link DataFetcher}: {@code mnist/*-ubyte.gz} kept gzipped, and the CIFAR-10 binary batches
 * unpacked into {@code cifar-10-batches-bin/}.
 */
public final class DataFiles {
    public static final String MNIST_DIR = "mnist";
    public static final String MNIST_TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String MNIST_TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    public static final String MNIST_TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    public static final String MNIST_TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    public static final String CIFAR_DIR = "cifar-10-batches-bin";
    /** The five training batches, in their canonical order. */
    public static final List<String> CIFAR_TRAIN_BATCHES = List.of(
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final String CIFAR_TEST_BATCH = "test_batch.bin";

    private DataFiles() {
    }
}
