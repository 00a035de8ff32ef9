package org.repro4j.data;

import java.util.List;

/**
 * The table of files the data step must produce. {@link #official()} is the real one; tests pass
 * their own small tables to {@link DataFetcher} so they can run on tiny generated files.
 *
 * @param mnistFiles        the MNIST files, kept gzipped, by path under the data folder
 * @param cifarArchive      the name of the CIFAR-10 archive at its source
 * @param cifarArchiveMd5   the MD5 of the archive as published; checked only for the official download,
 *                          because mirrors may repack it
 * @param cifarFolder       the folder the archive unpacks into (its entries start with this name)
 * @param cifarFiles        the files that must come out of the archive, by path under the data folder
 */
record DataCatalog(List<KnownFile> mnistFiles, String cifarArchive, String cifarArchiveMd5,
                   String cifarFolder, List<KnownFile> cifarFiles) {

    DataCatalog {
        mnistFiles = List.copyOf(mnistFiles);
        cifarFiles = List.copyOf(cifarFiles);
    }

    /** The published MNIST and CIFAR-10 files; the MD5s were checked against the course copies. */
    static DataCatalog official() {
        String mnist = DataFiles.MNIST_DIR + "/";
        String cifar = DataFiles.CIFAR_DIR + "/";
        long batchBytes = 10_000L * CifarRecordReader.RECORD_BYTES;
        return new DataCatalog(
                List.of(
                        new KnownFile(mnist + DataFiles.MNIST_TRAIN_IMAGES, "f68b3c2dcbeaaa9fbdd348bbdeb94873", 9_912_422),
                        new KnownFile(mnist + DataFiles.MNIST_TRAIN_LABELS, "d53e105ee54ea40749a09fcbcd1e9432", 28_881),
                        new KnownFile(mnist + DataFiles.MNIST_TEST_IMAGES, "9fb629c4189551a2d022fa330f9573f3", 1_648_877),
                        new KnownFile(mnist + DataFiles.MNIST_TEST_LABELS, "ec29112dd5afa0611ce80d1b7f02629c", 4_542)),
                "cifar-10-binary.tar.gz",
                "c32a1d4ab5d03f1284b67883e8d87530",
                DataFiles.CIFAR_DIR,
                List.of(
                        new KnownFile(cifar + "batches.meta.txt", "40a0b180e208fe03a63ecc891b2555ad", 60),
                        new KnownFile(cifar + "data_batch_1.bin", "5dd7e06a14cb22eb9f671a540d1b7c25", batchBytes),
                        new KnownFile(cifar + "data_batch_2.bin", "5ea93a67294ea407fff1d09f752e9692", batchBytes),
                        new KnownFile(cifar + "data_batch_3.bin", "942cd6a4bcdd0dd3c604fbe906cb4421", batchBytes),
                        new KnownFile(cifar + "data_batch_4.bin", "ae636b3ba5c66a11e91e8cb52e771fcb", batchBytes),
                        new KnownFile(cifar + "data_batch_5.bin", "53f37980c15c3d472c316c40844f3f0d", batchBytes),
                        new KnownFile(cifar + "test_batch.bin", "803d5f7f4d78ea53de84dbe85f74fb6d", batchBytes)));
    }
}
