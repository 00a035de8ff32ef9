package org.repro4j.data;

import org.repro4j.ReproException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named data protocols of the experiments: which records form the train, validation and test
 * splits, and how they are preprocessed. Every protocol gives the same data on every call, and its
 * splits never share a record.
 *
 * <ul>
 * <li>{@code cifar-b1}: train data_batch_1 (10,000), val data_batch_2 (10,000), test test_batch.</li>
 * <li>{@code cifar-all-5k}: the five training batches in order, the last 5,000 as val (45,000 / 5,000), test_batch.</li>
 * <li>{@code cifar-all-1k}: the same with the last 1,000 as val (49,000 / 1,000).</li>
 * <li>The CIFAR ones: x = pixels / 255, then z-scored per dimension with the training split's mean and
 *     standard deviation ({@link Splits#normalizer()}; {@link Splits#pixelTrain()} is the [0, 1] training set).</li>
 * <li>{@code mnist-vu}: x = pixels / 255; train the first 55,000 training images, val the last 5,000, test the 10,000.</li>
 * <li>{@code mnist-vu-final}: the same scaling; train all 60,000, no val, test the 10,000.</li>
 * <li>{@code mnist-tdt}: x = pixels / 127.5 - 1; train the first 20,000 training images, val the first 10,000 test
 *     images, no test. With {@link ProtocolOptions#digits()} {@code [a, b]}: only those digits in both splits, labels
 *     one column, 1.0 for a and 0.0 for b (2 vs 3: 4,005 train, 2,042 val).</li>
 * <li>{@code synthetic-ellipse}: see {@link SyntheticEllipse}; 60,000 train, 10,000 val, no test.</li>
 * </ul>
 */
public final class Protocols {
    private static final Map<String, DataProtocol> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("cifar-b1", CifarProtocol.withValidationBatch(
                "CIFAR-10: train data_batch_1, val data_batch_2, test test_batch; /255 then z-score fitted on train",
                "data_batch_1.bin", "data_batch_2.bin"));
        BY_NAME.put("cifar-all-5k", CifarProtocol.withHeldOutTail(
                "CIFAR-10: 5 training batches, last 5,000 as val (45,000/5,000), test test_batch; "
                        + "/255 then z-score fitted on train", 5_000));
        BY_NAME.put("cifar-all-1k", CifarProtocol.withHeldOutTail(
                "CIFAR-10: 5 training batches, last 1,000 as val (49,000/1,000), test test_batch; "
                        + "/255 then z-score fitted on train", 1_000));
        BY_NAME.put("mnist-vu", MnistProtocol.vu(
                "MNIST: train first 55,000, val last 5,000 training images, test 10,000; x/255", 5_000));
        BY_NAME.put("mnist-vu-final", MnistProtocol.vu(
                "MNIST: train all 60,000, no val, test 10,000; x/255", 0));
        BY_NAME.put("mnist-tdt", MnistProtocol.tdt(
                "MNIST: train first 20,000 training images, val first 10,000 test images, no test; x/127.5-1; "
                        + "optional digit pair (first = 1.0)", 20_000, 10_000));
        BY_NAME.put("synthetic-ellipse", new SyntheticEllipse());
    }

    private Protocols() {
    }

    /**
     * The splits of the named protocol.
     *
     * @throws ReproException when the name is unknown, the options do not fit the protocol, or a data file
     *                        is missing or damaged
     */
    public static Splits load(String name, ProtocolOptions options) {
        return protocol(name).load(options);
    }

    /**
     * The splits a protocol has, among {@code train}, {@code val} and {@code test}, known without
     * loading it (to check an experiment's reference measures before any training).
     * {@code RealDataTest} checks this against what each protocol loads.
     */
    public static List<String> splits(String name) {
        protocol(name);
        return switch (name) {
            case "mnist-vu-final" -> List.of("train", "test");
            case "mnist-tdt", "synthetic-ellipse" -> List.of("train", "val");
            default -> List.of("train", "val", "test");
        };
    }

    /**
     * The data files a protocol reads, by path under the data folder, with the MD5 each is pinned
     * to (the data step refuses any other content); none for generated data.
     */
    public static Map<String, String> files(String name) {
        protocol(name);
        DataCatalog catalog = DataCatalog.official();
        List<String> names = switch (name) {
            case "cifar-b1" -> List.of("data_batch_1.bin", "data_batch_2.bin", DataFiles.CIFAR_TEST_BATCH);
            case "cifar-all-5k", "cifar-all-1k" -> java.util.stream.Stream.concat(DataFiles.CIFAR_TRAIN_BATCHES.stream(),
                    java.util.stream.Stream.of(DataFiles.CIFAR_TEST_BATCH)).toList();
            case "synthetic-ellipse" -> List.of();
            default -> List.of(DataFiles.MNIST_TRAIN_IMAGES, DataFiles.MNIST_TRAIN_LABELS, DataFiles.MNIST_TEST_IMAGES,
                    DataFiles.MNIST_TEST_LABELS);
        };
        Map<String, String> files = new LinkedHashMap<>();
        for (KnownFile f : java.util.stream.Stream.concat(catalog.mnistFiles().stream(), catalog.cifarFiles().stream()).toList()) {
            if (names.contains(f.fileName())) {
                files.put(f.path(), f.md5());
            }
        }
        return files;
    }

    /** The protocol names, in a stable order. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** A one-line description of the named protocol. */
    public static String describe(String name) {
        return protocol(name).description();
    }

    private static DataProtocol protocol(String name) {
        DataProtocol protocol = BY_NAME.get(name);
        if (protocol == null) {
            throw new ReproException("Unknown data protocol '" + name + "'. Fix: use one of " + names() + ".");
        }
        return protocol;
    }
}
