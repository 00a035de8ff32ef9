package org.repro4j.data;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.ReproException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataFetcherTest {
    private static final String ARCHIVE = "cifar-10-binary.tar.gz";
    private static final String CIFAR = DataFiles.CIFAR_DIR + "/";

    @TempDir
    Path mirror;
    @TempDir
    Path dataDir;

    private final List<String> log = new ArrayList<>();
    private final Map<String, byte[]> mnist = new LinkedHashMap<>();
    private final Map<String, byte[]> cifar = new LinkedHashMap<>();
    private byte[] archive;

    @BeforeEach
    void writeMirror() throws Exception {
        mnist.put("mnist/train-images-idx3-ubyte.gz", TestFiles.gzip(TestFiles.mnistImages(2051, 2, 28, 28, 2)));
        mnist.put("mnist/train-labels-idx1-ubyte.gz", TestFiles.gzip(TestFiles.mnistLabels(2049, 2, new int[] {1, 2})));
        cifar.put(CIFAR + "batches.meta.txt", "airplane\nautomobile\n".getBytes());
        cifar.put(CIFAR + "data_batch_1.bin", TestFiles.cifarBatch(new int[] {1, 2, 3}));
        cifar.put(CIFAR + "test_batch.bin", TestFiles.cifarBatch(new int[] {4}));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(CIFAR + "readme.html", "<p>not needed</p>".getBytes());
        entries.putAll(cifar);
        archive = TestFiles.tarGz(entries);
        for (Map.Entry<String, byte[]> file : mnist.entrySet()) {
            Files.createDirectories(mirror.resolve(file.getKey()).getParent());
            Files.write(mirror.resolve(file.getKey()), file.getValue());
        }
        Files.write(mirror.resolve(ARCHIVE), archive);
    }

    /** The catalog of the mirror's files, with the MD5 of {@code wrongFile} (if any) spoiled. */
    private DataCatalog catalog(String wrongFile) throws Exception {
        return new DataCatalog(known(mnist, wrongFile), ARCHIVE, TestFiles.md5(archive), DataFiles.CIFAR_DIR,
                known(cifar, wrongFile));
    }

    private static List<KnownFile> known(Map<String, byte[]> files, String wrongFile) throws Exception {
        List<KnownFile> known = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String md5 = file.getKey().equals(wrongFile) ? "0123456789abcdef0123456789abcdef" : TestFiles.md5(file.getValue());
            known.add(new KnownFile(file.getKey(), md5, file.getValue().length));
        }
        return known;
    }

    private DataFetcher fetcher(DataCatalog catalog, FileSource source) {
        return new DataFetcher(dataDir, catalog, source, log::add);
    }

    private DataFetcher mirrorFetcher(DataCatalog catalog) {
        return fetcher(catalog, new MirrorSource(mirror));
    }

    @Test
    void copiesAndVerifiesEveryFileFromAMirror() throws Exception {
        mirrorFetcher(catalog(null)).fetchAll();

        for (Map.Entry<String, byte[]> file : mnist.entrySet()) {
            assertTrue(Arrays.equals(file.getValue(), Files.readAllBytes(dataDir.resolve(file.getKey()))), file.getKey());
        }
        for (Map.Entry<String, byte[]> file : cifar.entrySet()) {
            assertTrue(Arrays.equals(file.getValue(), Files.readAllBytes(dataDir.resolve(file.getKey()))), file.getKey());
        }
        assertFalse(Files.exists(dataDir.resolve(CIFAR + "readme.html")), "only the known files are unpacked");
        assertEquals(List.of("cifar-10-batches-bin", "mnist"), listing(dataDir), "no temporary file is left");
        assertEquals(2 + 1 + 3, log.size(), "one line per file, plus one for the archive: " + log);
        assertTrue(log.get(0).contains("MD5 ok"), log.get(0));
        new CifarRecordReader(dataDir.resolve(CIFAR + "data_batch_1.bin"));
    }

    @Test
    void aSecondRunChangesNothing() throws Exception {
        mirrorFetcher(catalog(null)).fetchAll();
        Path batch = dataDir.resolve(CIFAR + "data_batch_1.bin");
        FileTime written = Files.getLastModifiedTime(batch);
        Files.delete(mirror.resolve(ARCHIVE));
        log.clear();

        mirrorFetcher(catalog(null)).fetchAll();

        assertEquals(2, log.size(), log.toString());
        assertTrue(log.get(0).contains("nothing to do") && log.get(1).contains("nothing to do"), log.toString());
        assertEquals(written, Files.getLastModifiedTime(batch));
    }

    @Test
    void refusesAFileWithTheWrongMd5AndKeepsNothing() throws Exception {
        String wrong = "mnist/train-labels-idx1-ubyte.gz";
        ReproException e = assertThrows(ReproException.class, () -> mirrorFetcher(catalog(wrong)).fetchMnist());

        assertTrue(e.getMessage().contains(wrong), e.getMessage());
        assertTrue(e.getMessage().contains("expected 0123456789abcdef0123456789abcdef"), e.getMessage());
        assertTrue(e.getMessage().contains(TestFiles.md5(mnist.get(wrong))), "names the actual MD5: " + e.getMessage());
        assertTrue(e.getMessage().contains("DATA_MIRROR"), e.getMessage());
        assertEquals(List.of("train-images-idx3-ubyte.gz"), listing(dataDir.resolve("mnist")),
                "the file before it was verified and kept; no trace of the bad one");
    }

    @Test
    void refusesAnUnpackedFileWithTheWrongMd5AndKeepsNoFolder() throws Exception {
        String wrong = CIFAR + "test_batch.bin";
        ReproException e = assertThrows(ReproException.class, () -> mirrorFetcher(catalog(wrong)).fetchCifar());

        assertTrue(e.getMessage().contains(wrong), e.getMessage());
        assertTrue(e.getMessage().contains("in the archive"), e.getMessage());
        assertEquals(List.of(), listing(dataDir));
    }

    @Test
    void refusesATruncatedDownloadAndKeepsNothing() throws Exception {
        byte[] whole = mnist.get("mnist/train-images-idx3-ubyte.gz");
        FileSource cutShort = new FakeSource(name -> Arrays.copyOf(whole, whole.length - 10), whole.length);

        ReproException e = assertThrows(ReproException.class, () -> fetcher(catalog(null), cutShort).fetchMnist());

        assertTrue(e.getMessage().contains("mnist/train-images-idx3-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated: got " + (whole.length - 10) + " of " + whole.length), e.getMessage());
        assertEquals(List.of(), listing(dataDir.resolve("mnist")));
    }

    @Test
    void refusesATruncatedArchiveAndKeepsNothing() throws Exception {
        FileSource cutShort = new FakeSource(name -> Arrays.copyOf(archive, archive.length / 2), -1);

        ReproException e = assertThrows(ReproException.class, () -> fetcher(catalog(null), cutShort).fetchCifar());

        assertTrue(e.getMessage().contains(ARCHIVE) && e.getMessage().contains("truncated"), e.getMessage());
        assertEquals(List.of(), listing(dataDir));
    }

    @Test
    void checksTheArchiveItselfOnlyWhenItIsTheOfficialOne() throws Exception {
        DataCatalog otherArchiveMd5 = new DataCatalog(known(mnist, null), ARCHIVE, "c32a1d4ab5d03f1284b67883e8d87530",
                DataFiles.CIFAR_DIR, known(cifar, null));

        ReproException e = assertThrows(ReproException.class,
                () -> fetcher(otherArchiveMd5, new FakeSource(name -> archive, archive.length)).fetchCifar());
        assertTrue(e.getMessage().contains("expected c32a1d4ab5d03f1284b67883e8d87530"), e.getMessage());
        assertEquals(List.of(), listing(dataDir));

        mirrorFetcher(otherArchiveMd5).fetchCifar();
        assertEquals(List.of("cifar-10-batches-bin"), listing(dataDir), "a mirror may repack the archive");
    }

    @Test
    void refusesAnArchiveWithoutAllFiles() throws Exception {
        Files.write(mirror.resolve(ARCHIVE), TestFiles.tarGz(Map.of(CIFAR + "test_batch.bin", cifar.get(CIFAR + "test_batch.bin"))));

        ReproException e = assertThrows(ReproException.class, () -> mirrorFetcher(catalog(null)).fetchCifar());

        assertTrue(e.getMessage().contains("lacks [" + CIFAR + "batches.meta.txt, " + CIFAR + "data_batch_1.bin]"), e.getMessage());
        assertEquals(List.of(), listing(dataDir));
    }

    @Test
    void namesAMissingMirrorFile() throws Exception {
        Files.delete(mirror.resolve("mnist/train-labels-idx1-ubyte.gz"));

        ReproException e = assertThrows(ReproException.class, () -> mirrorFetcher(catalog(null)).fetchMnist());

        assertTrue(e.getMessage().contains("mnist/train-labels-idx1-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("check that DATA_MIRROR"), e.getMessage());
    }

    @Test
    void acceptsAFlatMirror() throws Exception {
        for (String name : mnist.keySet()) {
            Files.move(mirror.resolve(name), mirror.resolve(Path.of(name).getFileName()));
        }
        mirrorFetcher(catalog(null)).fetchMnist();
        assertEquals(2, listing(dataDir.resolve("mnist")).size());
    }

    @Test
    void refusesAMirrorThatIsNotAFolder() {
        ReproException e = assertThrows(ReproException.class,
                () -> new DataFetcher(dataDir, mirror.resolve("nowhere"), log::add));
        assertTrue(e.getMessage().contains("nowhere") && e.getMessage().contains("DATA_MIRROR"), e.getMessage());
    }

    @Test
    void replacesADamagedFileInPlace() throws Exception {
        mirrorFetcher(catalog(null)).fetchAll();
        Files.write(dataDir.resolve(CIFAR + "data_batch_1.bin"), new byte[] {1, 2, 3});
        Files.write(dataDir.resolve("mnist/train-images-idx3-ubyte.gz"), new byte[] {4});
        log.clear();

        mirrorFetcher(catalog(null)).fetchAll();

        assertTrue(log.stream().anyMatch(line -> line.contains("fetching it again")), log.toString());
        assertTrue(Arrays.equals(cifar.get(CIFAR + "data_batch_1.bin"),
                Files.readAllBytes(dataDir.resolve(CIFAR + "data_batch_1.bin"))));
        assertTrue(Arrays.equals(mnist.get("mnist/train-images-idx3-ubyte.gz"),
                Files.readAllBytes(dataDir.resolve("mnist/train-images-idx3-ubyte.gz"))));
        assertEquals(List.of("cifar-10-batches-bin", "mnist"), listing(dataDir), "the old folder is gone");
    }

    @Test
    void pendingFilesAreDeletedByTheCleanupButCommittedOnesStay() throws Exception {
        try (PendingFiles pending = new PendingFiles()) {
            Path file = pending.newFile(dataDir, "a.bin");
            Path folder = pending.newFolder(dataDir, "folder");
            Files.write(folder.resolve("inside"), new byte[] {1});
            Path kept = pending.newFile(dataDir, "kept.bin");
            pending.commit(kept, dataDir.resolve("kept.bin"));

            pending.deleteAll(); // what the shutdown hook runs on Ctrl-C

            assertFalse(Files.exists(file));
            assertFalse(Files.exists(folder));
            assertEquals(List.of("kept.bin"), listing(dataDir));
        }
    }

    @Test
    void knowsWhereToDownloadFrom() {
        HttpSource http = new HttpSource(DataCatalog.official());
        assertEquals(List.of(URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz")),
                http.candidates("cifar-10-binary.tar.gz"));
        List<URI> mnistUrls = http.candidates("mnist/t10k-labels-idx1-ubyte.gz");
        assertEquals(2, mnistUrls.size(), "a fallback mirror");
        for (URI url : mnistUrls) {
            assertEquals("https", url.getScheme());
            assertTrue(url.getPath().endsWith("/mnist/t10k-labels-idx1-ubyte.gz"), url.toString());
        }
        assertTrue(http.isOfficial());
    }

    @Test
    void theOfficialCatalogNamesTheLayoutTheLoadersRead() {
        DataCatalog official = DataCatalog.official();
        assertEquals(4, official.mnistFiles().size());
        assertEquals(7, official.cifarFiles().size());
        for (String batch : DataFiles.CIFAR_TRAIN_BATCHES) {
            assertTrue(official.cifarFiles().stream().anyMatch(f -> f.path().equals(CIFAR + batch)), batch);
        }
        assertTrue(official.mnistFiles().stream().allMatch(f -> f.md5().matches("[0-9a-f]{32}")));
    }

    /** Fetches the real files from the mirror named by DATA_MIRROR (e.g. the course's shared folder). */
    @Test
    @Tag("mirror")
    @EnabledIfEnvironmentVariable(named = "DATA_MIRROR", matches = ".+")
    void fetchesTheRealFilesFromTheMirror() throws Exception {
        long start = System.nanoTime();
        new DataFetcher(dataDir, DataDir.mirrorOrNull(), log::add).fetchAll();
        double firstRun = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        new DataFetcher(dataDir, DataDir.mirrorOrNull(), log::add).fetchAll();
        double secondRun = (System.nanoTime() - start) / 1e9;
        System.out.printf("mirror fetch: %.2f s, second (verifying) run: %.2f s%n", firstRun, secondRun);

        assertEquals(60_000, new MnistRecordReader(
                dataDir.resolve("mnist/train-images-idx3-ubyte.gz"), dataDir.resolve("mnist/train-labels-idx1-ubyte.gz"))
                .numRecords());
        assertEquals(List.of("cifar-10-batches-bin", "mnist"), listing(dataDir));
        assertTrue(log.get(log.size() - 1).contains("nothing to do"), log.toString());
    }

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A source serving fixed content with a fixed announced size, like a download that breaks off. */
    private record FakeSource(java.util.function.Function<String, byte[]> content, long announcedSize)
            implements FileSource {
        @Override
        public SourceFile open(String name) {
            return new SourceFile(new ByteArrayInputStream(content.apply(name)), announcedSize, "https://example.test/" + name);
        }

        @Override
        public boolean isOfficial() {
            return true;
        }

        @Override
        public String fixHint() {
            return "run make data again";
        }
    }
}
