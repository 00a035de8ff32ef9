package org.repro4j.data;

import org.repro4j.ReproException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Downloads from the publishers. CIFAR-10 comes from its authors' site; MNIST's original site no
 * longer serves the files reliably, so it comes from maintained mirrors of the same four .gz files,
 * tried in order (their MD5s are the original ones, checked by {@link DataFetcher}).
 */
final class HttpSource implements FileSource {
    static final URI CIFAR_URL = URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
    static final List<URI> MNIST_BASES = List.of(
            URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"));

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private final DataCatalog catalog;
    private final URI cifarUrl;
    private final List<URI> mnistBases;

    HttpSource(DataCatalog catalog) {
        this(catalog, CIFAR_URL, MNIST_BASES);
    }

    /** A source with other locations, e.g. a test server; {@code mnistBases} are folders ending in "/". */
    HttpSource(DataCatalog catalog, URI cifarUrl, List<URI> mnistBases) {
        this.catalog = catalog;
        this.cifarUrl = cifarUrl;
        this.mnistBases = List.copyOf(mnistBases);
    }

    /** The URLs to try for a file, best first. */
    List<URI> candidates(String name) {
        if (name.equals(catalog.cifarArchive())) {
            return List.of(cifarUrl);
        }
        String mnistPrefix = DataFiles.MNIST_DIR + "/";
        if (name.startsWith(mnistPrefix)) {
            String fileName = name.substring(mnistPrefix.length());
            return mnistBases.stream().map(base -> base.resolve(fileName)).toList();
        }
        throw new IllegalArgumentException("no download location is known for " + name);
    }

    @Override
    public SourceFile open(String name) throws IOException {
        List<String> failures = new ArrayList<>();
        for (URI uri : candidates(name)) {
            try {
                // The timeout covers the wait for the response headers, not the (long) body.
                HttpResponse<InputStream> response = client.send(
                        HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(1)).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() == 200) {
                    long size = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                    return new SourceFile(response.body(), size, uri.toString());
                }
                response.body().close();
                failures.add(uri + " (HTTP " + response.statusCode() + ")");
            } catch (IOException e) {
                failures.add(uri + " (" + e + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReproException("Download of " + name + " was interrupted; nothing was kept.", e);
            }
        }
        throw new ReproException("Could not download " + name + ": " + String.join("; ", failures) + ". Fix: "
                + fixHint() + ".");
    }

    @Override
    public boolean isOfficial() {
        return true;
    }

    @Override
    public String fixHint() {
        return "check the internet connection and run make data again, or set " + DataDir.MIRROR_ENV
                + " to a folder holding mnist/*.gz and cifar-10-binary.tar.gz";
    }
}
