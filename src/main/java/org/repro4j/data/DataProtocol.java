package org.repro4j.data;

/** One named way of turning the data files into train/validation/test splits (see {@link Protocols}). */
interface DataProtocol {

    /** One line for listings and logs. */
    String description();

    /** Loads and preprocesses the splits; the same options always give the same data. */
    Splits load(ProtocolOptions options);

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
