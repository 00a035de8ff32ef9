package org.repro4j.data;

import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

/**
 * The DD2424 CIFAR-10 protocols: x = pixels / 255, then each of the 3,072 dimensions z-scored with
 * the mean and standard deviation of the training split alone, for rows of all three splits on
 * their way to the network ({@link Splits#normalizer()}). The
 * validation split is either a batch file of its own or the tail of the training batches.
 */
final class CifarProtocol implements DataProtocol {
    private final String description;
    private final List<String> trainBatches;
    private final String valBatch;
    private final int heldOutTail;

    private CifarProtocol(String description, List<String> trainBatches, String valBatch, int heldOutTail) {
        this.description = description;
        this.trainBatches = trainBatches;
        this.valBatch = valBatch;
        this.heldOutTail = heldOutTail;
    }

    /** Train on one batch, validate on another. */
    static CifarProtocol withValidationBatch(String description, String trainBatch, String valBatch) {
        return new CifarProtocol(description, List.of(trainBatch), valBatch, 0);
    }

    /** Train on all five batches in order except the last {@code valSize} records, which validate. */
    static CifarProtocol withHeldOutTail(String description, int valSize) {
        return new CifarProtocol(description, DataFiles.CIFAR_TRAIN_BATCHES, null, valSize);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Splits load(ProtocolOptions options) {
        options.requireNoDigits("the CIFAR-10 protocols use");
        DataSet pool = Datasets.cifar(options.dataDir(), trainBatches, options.dtype());
        DataSet train;
        DataSet val;
        if (valBatch != null) {
            train = pool;
            val = Datasets.cifar(options.dataDir(), List.of(valBatch), options.dtype());
        } else {
            int n = pool.numExamples();
            // The tail is copied out; the training split is the head of the rows read, not a copy of it.
            val = DataSlices.rows(pool, n - heldOutTail, n);
            train = DataSlices.head(pool, n - heldOutTail);
        }
        DataSet test = Datasets.cifar(options.dataDir(), List.of(DataFiles.CIFAR_TEST_BATCH), options.dtype());
        for (DataSet split : List.of(train, val, test)) {
            split.getFeatures().divi(255.0);
        }
        return new Splits(train, val, test, ZScore.fit(train.getFeatures()));
    }

    /** Reads the training batches alone: the gradient check needs 20 training images and the z-score fitted on their split. */
    @Override
    public Splits loadTraining(ProtocolOptions options) {
        options.requireNoDigits("the CIFAR-10 protocols use");
        DataSet pool = Datasets.cifar(options.dataDir(), trainBatches, options.dtype());
        DataSet train = heldOutTail == 0 ? pool : DataSlices.head(pool, pool.numExamples() - heldOutTail);
        train.getFeatures().divi(255.0);
        return new Splits(train, null, null, ZScore.fit(train.getFeatures()));
    }
}
