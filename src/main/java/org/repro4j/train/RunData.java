package org.repro4j.train;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.repro4j.data.ProtocolOptions;
import org.repro4j.data.Protocols;
import org.repro4j.data.Splits;
import org.repro4j.spec.DataSpec;

/**
 * The splits one experiment trains and measures on, cut to the QUICK sizes when asked.
 *
 * @param train      the training split as the network sees it (normalised)
 * @param pixelTrain the training split before normalisation, for augmentations that act on pixels
 * @param normalizer what turns {@code pixelTrain} into {@code train} (null when the protocol has none)
 */
public record RunData(DataSet train, DataSet pixelTrain, DataSet val, DataSet test, DataNormalization normalizer) {

    /** The protocol's splits, cut to the QUICK sizes when {@code options.quick()}. */
    public static RunData load(DataSpec d, RunOptions options) {
        int[] digits = d.digits() == null ? null : d.digits().stream().mapToInt(Integer::intValue).toArray();
        Splits s = Protocols.load(d.protocol(), new ProtocolOptions(options.dataDir(), d.dataType(), digits, d.seed()));
        if (!options.quick()) {
            return new RunData(s.train(), s.pixelTrain(), s.val(), s.test(), s.normalizer());
        }
        return new RunData(head(s.train(), RunOptions.QUICK_TRAIN), head(s.pixelTrain(), RunOptions.QUICK_TRAIN),
                head(s.val(), RunOptions.QUICK_EVAL), head(s.test(), RunOptions.QUICK_EVAL), s.normalizer());
    }

    private static DataSet head(DataSet d, int n) {
        if (d == null || d.numExamples() <= n) {
            return d;
        }
        return new DataSet(d.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup(),
                d.getLabels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()).dup());
    }
}
