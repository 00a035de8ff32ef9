package org.repro4j.data;

import org.repro4j.ReproException;
import org.repro4j.spec.Protocol;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
 *     standard deviation ({@link Splits#normalizer()}, applied to rows on their way to the network).</li>
 * <li>{@code mnist-vu}: x = pixels / 255; train the first 55,000 training images, val the last 5,000, test the 10,000.</li>
 * <li>{@code mnist-vu-final}: the same scaling; train all 60,000, no val, test the 10,000.</li>
 * <li>{@code mnist-tdt}: x = pixels / 127.5 - 1; train the first 20,000 training images, val the first 10,000 test
 *     images, no test. With {@link ProtocolOptions#digits()} {@code [a, b]}: only those digits in both splits, labels
 *     one column, 1.0 for a and 0.0 for b (2 vs 3: 4,005 train, 2,042 val).</li>
 * <li>{@code synthetic-ellipse}: see {@link SyntheticEllipse}; 60,000 train, 10,000 val, no test.</li>
 * </ul>
 */
public final class Protocols {
    private static final Map<Protocol, DataProtocol> BY_NAME = new EnumMap<>(Protocol.class);

    static {
        for (Protocol p : Protocol.values()) {
            BY_NAME.put(p, switch (p) {
                case CIFAR_B1 -> CifarProtocol.withValidationBatch(
                        "CIFAR-10: train data_batch_1, val data_batch_2, test test_batch; /255 then z-score fitted on train",
                        "data_batch_1.bin", "data_batch_2.bin");
                case CIFAR_ALL_5K -> CifarProtocol.withHeldOutTail(
                        "CIFAR-10: 5 training batches, last 5,000 as val (45,000/5,000), test test_batch; "
                                + "/255 then z-score fitted on train", 5_000);
                case CIFAR_ALL_1K -> CifarProtocol.withHeldOutTail(
                        "CIFAR-10: 5 training batches, last 1,000 as val (49,000/1,000), test test_batch; "
                                + "/255 then z-score fitted on train", 1_000);
                case MNIST_VU -> MnistProtocol.vu(
                        "MNIST: train first 55,000, val last 5,000 training images, test 10,000; x/255", 5_000);
                case MNIST_VU_FINAL -> MnistProtocol.vu("MNIST: train all 60,000, no val, test 10,000; x/255", 0);
                case MNIST_TDT -> MnistProtocol.tdt(
                        "MNIST: train first 20,000 training images, val first 10,000 test images, no test; x/127.5-1; "
                                + "optional digit pair (first = 1.0)", 20_000, 10_000);
                case SYNTHETIC_ELLIPSE -> new SyntheticEllipse();
            });
        }
    }

    private Protocols() {
    }

    /**
     * The splits of a protocol.
     *
     * @throws ReproException when the options do not fit the protocol, or a data file is missing or damaged
     */
    public static Splits load(Protocol protocol, ProtocolOptions options) {
        return BY_NAME.get(protocol).load(options);
    }

    /** The training split alone, as {@link #load} gives it, with the normalizer fitted on it. */
    public static Splits loadTraining(Protocol protocol, ProtocolOptions options) {
        return BY_NAME.get(protocol).loadTraining(options);
    }

    /**
     * The splits a protocol has, among {@code train}, {@code val} and {@code test}, known without
     * loading it (to check an experiment's reference measures before any training).
     * {@code RealDataTest} checks this against what each protocol loads.
     */
    public static List<String> splits(Protocol protocol) {
        return switch (protocol) {
            case MNIST_VU_FINAL -> List.of("train", "test");
            case MNIST_TDT, SYNTHETIC_ELLIPSE -> List.of("train", "val");
            case CIFAR_B1, CIFAR_ALL_5K, CIFAR_ALL_1K, MNIST_VU -> List.of("train", "val", "test");
        };
    }

    /**
     * Whether a protocol's splits come with a z-score to apply ({@link Splits#normalizer()}), known
     * without loading them.
     */
    public static boolean zScored(Protocol protocol) {
        return switch (protocol) {
            case CIFAR_B1, CIFAR_ALL_5K, CIFAR_ALL_1K -> true;
            case MNIST_VU, MNIST_VU_FINAL, MNIST_TDT, SYNTHETIC_ELLIPSE -> false;
        };
    }

    /**
     * The data files a protocol reads, by path under the data folder, with the MD5 each is pinned
     * to (the data step refuses any other content); none for generated data.
     */
    public static Map<String, String> files(Protocol protocol) {
        List<String> names = switch (protocol) {
            case CIFAR_B1 -> List.of("data_batch_1.bin", "data_batch_2.bin", DataFiles.CIFAR_TEST_BATCH);
            case CIFAR_ALL_5K, CIFAR_ALL_1K -> Stream.concat(DataFiles.CIFAR_TRAIN_BATCHES.stream(),
                    Stream.of(DataFiles.CIFAR_TEST_BATCH)).toList();
            case MNIST_VU, MNIST_VU_FINAL, MNIST_TDT -> List.of(DataFiles.MNIST_TRAIN_IMAGES, DataFiles.MNIST_TRAIN_LABELS,
                    DataFiles.MNIST_TEST_IMAGES, DataFiles.MNIST_TEST_LABELS);
            case SYNTHETIC_ELLIPSE -> List.of();
        };
        DataCatalog catalog = DataCatalog.official();
        Map<String, String> files = new LinkedHashMap<>();
        for (KnownFile f : Stream.concat(catalog.mnistFiles().stream(), catalog.cifarFiles().stream()).toList()) {
            if (names.contains(f.fileName())) {
                files.put(f.path(), f.md5());
            }
        }
        return files;
    }

    /**
     * How many examples a protocol's training split and all its splits hold before QUICK cuts and
     * digit-pair filters, known without loading it: for planning, where an estimate will do
     * ({@code RealDataTest} checks it against what each protocol loads).
     */
    public static NominalSize nominalSize(Protocol protocol) {
        return switch (protocol) {
            case CIFAR_B1 -> new NominalSize(10_000, 30_000);
            case CIFAR_ALL_5K -> new NominalSize(45_000, 60_000);
            case CIFAR_ALL_1K -> new NominalSize(49_000, 60_000);
            case MNIST_VU -> new NominalSize(55_000, 70_000);
            case MNIST_VU_FINAL -> new NominalSize(60_000, 70_000);
            case MNIST_TDT -> new NominalSize(20_000, 30_000);
            case SYNTHETIC_ELLIPSE -> new NominalSize(SyntheticEllipse.TRAIN_SIZE, SyntheticEllipse.TRAIN_SIZE + SyntheticEllipse.VAL_SIZE);
        };
    }

    /** Examples in the training split and in all splits together. */
    public record NominalSize(int train, int all) {
    }

    /** A one-line description of a protocol. */
    public static String describe(Protocol protocol) {
        return BY_NAME.get(protocol).description();
    }
}
