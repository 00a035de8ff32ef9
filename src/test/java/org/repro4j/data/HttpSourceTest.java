package org.repro4j.data;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.ReproException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The download path against small HTTP servers on the loopback interface. */
@Timeout(60)
class HttpSourceTest {
    @TempDir
    Path dataDir;

    private HttpServer server;
    private final Map<String, byte[]> served = new HashMap<>();
    private final List<String> requested = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private byte[] images;
    private byte[] archive;
    private byte[] batch;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requested.add(path);
            byte[] body = served.get(path);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();

        images = TestFiles.gzip(TestFiles.mnistImages(2051, 1, 28, 28, 1));
        batch = TestFiles.cifarBatch(new int[] {5});
        archive = TestFiles.tarGz(Map.of("cifar-10-batches-bin/test_batch.bin", batch));
        served.put("/mirror-b/mnist/train-images-idx3-ubyte.gz", images);
        served.put("/kriz/cifar-10-binary.tar.gz", archive);
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private DataFetcher fetcher() throws Exception {
        return fetcher(URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/"));
    }

    private DataFetcher fetcher(URI base) throws Exception {
        DataCatalog catalog = new DataCatalog(
                List.of(new KnownFile("mnist/train-images-idx3-ubyte.gz", TestFiles.md5(images), images.length)),
                "cifar-10-binary.tar.gz", TestFiles.md5(archive), "cifar-10-batches-bin",
                List.of(new KnownFile("cifar-10-batches-bin/test_batch.bin", TestFiles.md5(batch), batch.length)));
        HttpSource source = new HttpSource(catalog, base.resolve("kriz/cifar-10-binary.tar.gz"),
                List.of(base.resolve("mirror-a/mnist/"), base.resolve("mirror-b/mnist/")));
        return new DataFetcher(dataDir, catalog, source, log::add);
    }

    @Test
    void downloadsFallingBackToTheSecondMirror() throws Exception {
        fetcher().fetchAll();

        assertEquals(List.of("/mirror-a/mnist/train-images-idx3-ubyte.gz", "/mirror-b/mnist/train-images-idx3-ubyte.gz",
                "/kriz/cifar-10-binary.tar.gz"), requested);
        assertTrue(Arrays.equals(images, Files.readAllBytes(dataDir.resolve("mnist/train-images-idx3-ubyte.gz"))));
        assertTrue(Arrays.equals(batch, Files.readAllBytes(dataDir.resolve("cifar-10-batches-bin/test_batch.bin"))));
        assertTrue(log.get(0).contains(images.length + " bytes from http://"), "shows size and URL: " + log);
    }

    @Test
    void aBrokenOffDownloadLeavesNothing() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread cutServer = new Thread(() -> serveCutShort(socket, archive, 100));
            cutServer.start();
            URI base = URI.create("http://" + socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort() + "/");

            ReproException e = assertThrows(ReproException.class, () -> fetcher(base).fetchCifar());

            assertTrue(e.getMessage().contains("cifar-10-binary.tar.gz"), e.getMessage());
            assertTrue(e.getMessage().contains("run make data again"), e.getMessage());
            assertEquals(List.of(), listing(dataDir));
            cutServer.join(10_000);
        }
    }

    /** Answers one request announcing the whole body, sends all but the last bytes, and hangs up. */
    private static void serveCutShort(ServerSocket socket, byte[] body, int missing) {
        try (Socket client = socket.accept()) {
            client.setSoTimeout(10_000);
            BufferedReader request = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            for (String line = request.readLine(); line != null && !line.isEmpty(); line = request.readLine()) {
                // Skip the request headers.
            }
            OutputStream out = client.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length - missing);
            out.flush();
        } catch (IOException e) {
            // The client gave up first; the test's assertions say whether that was right.
        }
    }

    @Test
    void saysWhichLocationsFailed() throws Exception {
        served.clear();

        ReproException e = assertThrows(ReproException.class, () -> fetcher().fetchMnist());

        assertTrue(e.getMessage().contains("mirror-a/mnist/train-images-idx3-ubyte.gz (HTTP 404)"), e.getMessage());
        assertTrue(e.getMessage().contains("mirror-b/mnist/train-images-idx3-ubyte.gz (HTTP 404)"), e.getMessage());
        assertTrue(e.getMessage().contains("DATA_MIRROR"), e.getMessage());
    }

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
