package org.repro4j.data;

import java.io.IOException;

/**
 * Where {@link DataFetcher} gets files from: the official sites or a local mirror folder.
 * Names are paths as in {@link DataCatalog} ({@code mnist/train-images-idx3-ubyte.gz}) or the
 * CIFAR-10 archive name. This is also the seam through which tests feed the fetcher without a network.
 */
interface FileSource {

    /**
     * Opens the named file for reading.
     *
     * @throws org.repro4j.ReproException when the source does not have the file
     * @throws IOException                when reading the source fails
     */
    SourceFile open(String name) throws IOException;

    /** True when files come from their publishers, so a published archive checksum applies. */
    boolean isOfficial();

    /** What the user should check when a file from this source is missing or wrong. */
    String fixHint();
}
