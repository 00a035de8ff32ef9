package org.repro4j.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * An opened file from a {@link FileSource}.
 *
 * @param stream the content; closed with this object
 * @param size   the size the source announced, or -1 when unknown; used to detect truncation
 * @param origin where the content comes from (a URL or a path), for log lines and error messages
 */
record SourceFile(InputStream stream, long size, String origin) implements Closeable {

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
