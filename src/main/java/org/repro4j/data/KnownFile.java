package org.repro4j.data;

/**
 * A data file whose content is pinned: its path relative to the data folder, its MD5 and size.
 * The size only makes error messages clearer ("truncated: 5,000 of 9,912,422 bytes"); the MD5
 * is what decides whether a file is good.
 */
record KnownFile(String path, String md5, long size) {

    /** The last path element, e.g. {@code train-images-idx3-ubyte.gz}. */
    String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
