package org.repro4j.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.repro4j.ReproException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The data step: brings MNIST and CIFAR-10 into the data folder, from the official sites or from a
 * mirror folder, and checks every file against its known MD5.
 *
 * <p>Files are written under temporary names beside their final place and renamed only once
 * verified; CIFAR-10 is unpacked into a temporary folder that is renamed into place as a whole. On
 * any failure, or Ctrl-C, the temporaries are deleted, so the data folder holds either verified
 * files or nothing. Files already in place and verified are left alone, so a second run only
 * re-hashes them.
 */
public final class DataFetcher {
    private final Path dataDir;
    private final DataCatalog catalog;
    private final FileSource source;
    private final Consumer<String> log;

    /**
     * @param dataDir      the data folder, created when missing (see {@link DataDir#resolve(Path, Path)})
     * @param mirrorOrNull a folder with copies of the published files (see {@link DataDir#mirrorOrNull()}),
     *                     or null to download them
     * @param log          receives one progress line per file
     */
    public DataFetcher(Path dataDir, Path mirrorOrNull, Consumer<String> log) {
        this(dataDir, DataCatalog.official(),
                mirrorOrNull == null ? new HttpSource(DataCatalog.official()) : new MirrorSource(mirrorOrNull), log);
    }

    DataFetcher(Path dataDir, DataCatalog catalog, FileSource source, Consumer<String> log) {
        this.dataDir = dataDir;
        this.catalog = catalog;
        this.source = source;
        this.log = log;
    }

    /** MNIST, then CIFAR-10. */
    public void fetchAll() {
        fetchMnist();
        fetchCifar();
    }

    /** The four MNIST .gz files, kept compressed. */
    public void fetchMnist() {
        int fetched = 0;
        try (PendingFiles pending = new PendingFiles()) {
            for (KnownFile file : catalog.mnistFiles()) {
                if (!isInPlace(file)) {
                    fetchFile(file, pending);
                    fetched++;
                }
            }
        }
        if (fetched == 0) {
            log.accept("MNIST: all " + catalog.mnistFiles().size() + " files in place and verified, nothing to do");
        }
    }

    /** The CIFAR-10 binary batches, unpacked from the archive. */
    public void fetchCifar() {
        List<KnownFile> wrong = catalog.cifarFiles().stream().filter(file -> !isInPlace(file)).toList();
        if (wrong.isEmpty()) {
            log.accept("CIFAR-10: all " + catalog.cifarFiles().size() + " files in place and verified, nothing to do");
            return;
        }
        try (PendingFiles pending = new PendingFiles()) {
            Path unpacked = pending.newFolder(dataDir, catalog.cifarFolder());
            unpackCifar(unpacked, pending);
            Path target = dataDir.resolve(catalog.cifarFolder());
            if (Files.exists(target)) {
                pending.moveAside(target);
            }
            pending.commit(unpacked, target);
        } catch (IOException e) {
            throw ioFailure(catalog.cifarFolder(), e);
        }
    }

    /** True when the file exists with the right MD5; a file that exists but is wrong is reported and replaced. */
    private boolean isInPlace(KnownFile file) {
        Path path = dataDir.resolve(file.path());
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try {
            String actual = Md5.of(path);
            if (actual.equals(file.md5())) {
                return true;
            }
            log.accept(file.path() + ": MD5 " + actual + " in place, expected " + file.md5() + "; fetching it again");
            return false;
        } catch (IOException e) {
            throw ioFailure(file.path(), e);
        }
    }

    private void fetchFile(KnownFile file, PendingFiles pending) {
        Path target = dataDir.resolve(file.path());
        try (SourceFile from = source.open(file.path())) {
            Path temp = pending.newFile(target.getParent(), file.fileName());
            MessageDigest digest = Md5.newDigest();
            long bytes;
            try (InputStream in = new DigestInputStream(from.stream(), digest);
                 OutputStream out = Files.newOutputStream(temp)) {
                bytes = in.transferTo(out);
            }
            checkComplete(file.path(), from, bytes);
            checkMd5(file, Md5.hex(digest), bytes, "from " + from.origin());
            pending.commit(temp, target);
            log.accept(file.path() + ": " + sizeText(bytes) + " from " + from.origin() + ", MD5 ok");
        } catch (IOException e) {
            throw ioFailure(file.path(), e);
        }
    }

    /**
     * Brings the archive in, checks it, and unpacks the known files into {@code folder}, each checked.
     *
     * <p>The archive is first unpacked from gzip into a temporary .tar and then read with commons-compress's
     * {@link TarFile}: that way the whole archive's MD5 and size are checked before any member is read.
     * (commons-compress is pinned to 1.21 in the pom: later versions need a newer commons-io than the one
     * ND4J puts on the class path and fail at run time.)
     */
    private void unpackCifar(Path folder, PendingFiles pending) throws IOException {
        String archive = catalog.cifarArchive();
        Path tarFile = pending.newFile(dataDir, archive);
        try (SourceFile from = source.open(archive)) {
            log.accept(archive + ": reading " + (from.size() < 0 ? "" : sizeText(from.size()) + " ")
                    + "from " + from.origin());
            MessageDigest archiveDigest = Md5.newDigest();
            CountingInput counted = new CountingInput(new DigestInputStream(from.stream(), archiveDigest));
            try {
                Files.copy(new GZIPInputStream(counted, 1 << 16), tarFile, StandardCopyOption.REPLACE_EXISTING);
                // The archive checksum covers the whole file, including anything after the gzip data.
                counted.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new ReproException(archive + " from " + from.origin() + " is damaged or truncated (failed after "
                        + sizeText(counted.count) + ": " + e.getMessage() + "); nothing was kept. Fix: "
                        + source.fixHint() + ".", e);
            }
            checkComplete(archive, from, counted.count);
            if (source.isOfficial() && !Md5.hex(archiveDigest).equals(catalog.cifarArchiveMd5())) {
                throw new ReproException(archive + " from " + from.origin() + " has MD5 " + Md5.hex(archiveDigest)
                        + ", expected " + catalog.cifarArchiveMd5() + "; nothing was kept. Fix: " + source.fixHint() + ".");
            }
            unpackTar(tarFile, folder, from.origin());
        } finally {
            pending.discard(tarFile);
        }
    }

    private void unpackTar(Path tarFile, Path folder, String origin) throws IOException {
        Map<String, KnownFile> expected = new HashMap<>();
        catalog.cifarFiles().forEach(file -> expected.put(file.path(), file));
        try (TarFile tar = new TarFile(tarFile)) {
            for (TarArchiveEntry entry : tar.getEntries()) {
                KnownFile file = expected.remove(stripDotSlash(entry.getName()));
                if (file != null && entry.isFile()) {
                    try (InputStream content = tar.getInputStream(entry)) {
                        unpackEntry(content, file, folder.resolve(file.fileName()), origin);
                    }
                }
            }
        } catch (IOException e) {
            throw new ReproException(catalog.cifarArchive() + " from " + origin + " is not a valid tar archive ("
                    + e.getMessage() + "); nothing was kept. Fix: " + source.fixHint() + ".", e);
        }
        if (!expected.isEmpty()) {
            throw new ReproException(catalog.cifarArchive() + " from " + origin + " lacks "
                    + expected.keySet().stream().sorted().toList() + ", so it is not the CIFAR-10 binary version; "
                    + "nothing was kept. Fix: " + source.fixHint() + ".");
        }
    }

    private void unpackEntry(InputStream content, KnownFile file, Path target, String origin) throws IOException {
        MessageDigest digest = Md5.newDigest();
        long bytes;
        try (InputStream in = new DigestInputStream(content, digest); OutputStream out = Files.newOutputStream(target)) {
            bytes = in.transferTo(out);
        }
        checkMd5(file, Md5.hex(digest), bytes, "in the archive from " + origin);
        log.accept(file.path() + ": " + sizeText(bytes) + " unpacked, MD5 ok");
    }

    private void checkComplete(String name, SourceFile from, long bytes) {
        if (from.size() >= 0 && bytes != from.size()) {
            throw new ReproException(name + " from " + from.origin() + " is truncated: got " + bytes + " of "
                    + from.size() + " bytes; nothing was kept. Fix: " + source.fixHint() + ".");
        }
    }

    private void checkMd5(KnownFile file, String actual, long bytes, String where) {
        if (!actual.equals(file.md5())) {
            throw new ReproException(file.path() + " " + where + " has MD5 " + actual + " (" + bytes + " bytes), expected "
                    + file.md5() + " (" + file.size() + " bytes); nothing was kept. Fix: " + source.fixHint() + ".");
        }
    }

    private ReproException ioFailure(String name, IOException e) {
        return new ReproException("Could not fetch " + name + " into " + dataDir.toAbsolutePath() + ": " + e
                + "; nothing half-written was kept. Fix: check free space and write permission there (or set "
                + DataDir.ENV + " elsewhere) and that the source can be read (" + source.fixHint()
                + "), then run make data again.", e);
    }

    /** The fix for a data file that is missing, naming the data folder it was looked for in. */
    static String missingHint(Path file) {
        Path dataDir = file.toAbsolutePath().normalize().getParent().getParent();
        return "Fix: run make data DATA_DIR=" + dataDir + " to fetch MNIST and CIFAR-10 there (without "
                + DataDir.ENV + ", make data uses the project's data/), or point " + DataDir.ENV
                + " (or --data-dir) at the folder that holds them.";
    }

    /** The fix for a data file that is present but damaged. */
    static String refetchHint(Path file) {
        return "Fix: delete " + file + " and run make data again.";
    }

    private static String stripDotSlash(String entryName) {
        return entryName.startsWith("./") ? entryName.substring(2) : entryName;
    }

    static String sizeText(long bytes) {
        return bytes < 1024 * 1024 ? bytes + " bytes" : String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /** Counts the bytes read, to tell a truncated source from a corrupt one. */
    private static final class CountingInput extends java.io.FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
