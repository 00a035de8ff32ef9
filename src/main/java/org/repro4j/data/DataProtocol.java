package org.repro4j.data;

import org.nd4j.linalg.dataset.DataSet;

/** One named way of turning the data files into train/validation/test splits (see {@link Protocols}). */
interface DataProtocol {

    /** One line for listings and logs. */
    String description();

    /** Loads and preprocesses the splits; the same options always give the same data. */
    Splits load(ProtocolOptions options);

    /**
     * The training split of {@link #load} (and its normalizer) alone: the same numbers, without the
     * others, which this default loads and frees and a protocol may skip reading.
     */
    default Splits loadTraining(ProtocolOptions options) {
        Splits all = load(options);
        for (DataSet other : new DataSet[] {all.val(), all.test()}) {
            if (other != null && other != all.train()) {
                DataSlices.release(other);
            }
        }
        return new Splits(all.train(), null, null, all.normalizer());
    }

    /** A protocol from its description and its loading function. */
    static DataProtocol of(String description, java.util.function.Function<ProtocolOptions, Splits> loader) {
        return new DataProtocol() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public Splits load(ProtocolOptions options) {
                return loader.apply(options);
            }
        };
    }
}
