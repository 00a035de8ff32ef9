package org.repro4j.data;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

/**
 * The data of one protocol, ready for training: features scaled (and, for CIFAR-10, z-scored),
 * labels one-hot (or one 0/1 column for a two-digit MNIST task). The splits never share a record.
 *
 * @param train      the training split, fully preprocessed
 * @param val        the validation split, preprocessed the same way; null for {@code mnist-vu-final}
 * @param test       the test split, preprocessed the same way; null for {@code mnist-tdt} and
 *                   {@code synthetic-ellipse}
 * @param normalizer the z-scoring fitted on the training split (CIFAR-10 protocols), already applied
 *                   to train, val and test; null when a protocol only scales
 * @param pixelTrain the training split before {@code normalizer}, i.e. scaled pixels in [0, 1], for
 *                   augmentations that act in pixel space and then call {@code normalizer.transform};
 *                   a separate copy when there is a normalizer, else the same object as {@code train}
 */
public record Splits(DataSet train, DataSet val, DataSet test, DataNormalization normalizer, DataSet pixelTrain) {

    /** Splits of a protocol without a fitted normalizer. */
    public Splits(DataSet train, DataSet val, DataSet test) {
        this(train, val, test, null, train);
    }
}
