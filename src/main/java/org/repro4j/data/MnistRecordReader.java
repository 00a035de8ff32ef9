package org.repro4j.data;

import org.datavec.api.writable.Writable;
import org.repro4j.ReproException;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/**
 * Reads an MNIST pair of gzipped IDX files: images ({@code *-images-idx3-ubyte.gz}, magic 2051,
 * count, 28, 28, then the pixels) and labels ({@code *-labels-idx1-ubyte.gz}, magic 2049, count,
 * then one byte per image). Records come out in file order as
 * {@code [NDArrayWritable(1 x 784, values 0..255), IntWritable(label)]}.
 */
public final class MnistRecordReader extends LabeledImageReader {
    public static final int ROWS = 28;
    public static final int COLUMNS = 28;
    public static final int IMAGE_BYTES = ROWS * COLUMNS;
    static final int IMAGES_MAGIC = 2051;
    static final int LABELS_MAGIC = 2049;
    private static final int IMAGES_HEADER_BYTES = 16;
    private static final int LABELS_HEADER_BYTES = 8;

    /**
     * A reader to be given its two files through {@link #initialize(org.datavec.api.split.InputSplit)},
     * images first, then labels.
     */
    public MnistRecordReader() {
        super(IntStream.range(0, 10).mapToObj(Integer::toString).toList());
    }

    public MnistRecordReader(Path imagesGz, Path labelsGz) {
        this();
        setFiles(List.of(imagesGz, labelsGz));
    }

    @Override
    List<ImageFile> load(List<Path> paths) {
        if (paths.size() != 2) {
            throw new IllegalArgumentException("MNIST needs an images file and a labels file, got " + paths);
        }
        return List.of(read(paths.get(0), paths.get(1)));
    }

    static ImageFile read(Path imagesGz, Path labelsGz) {
        ByteBuffer images = ByteBuffer.wrap(gunzip(imagesGz));
        ByteBuffer labels = ByteBuffer.wrap(gunzip(labelsGz));
        checkHeader(imagesGz, images, IMAGES_MAGIC, IMAGES_HEADER_BYTES, "an images");
        checkHeader(labelsGz, labels, LABELS_MAGIC, LABELS_HEADER_BYTES, "a labels");
        int count = images.getInt(4);
        if (images.getInt(8) != ROWS || images.getInt(12) != COLUMNS) {
            throw new ReproException(imagesGz + " holds " + images.getInt(8) + "x" + images.getInt(12)
                    + " images, expected 28x28: it is not MNIST. " + DataFetcher.refetchHint(imagesGz));
        }
        if (labels.getInt(4) != count) {
            throw new ReproException(imagesGz + " holds " + count + " images but " + labelsGz + " holds "
                    + labels.getInt(4) + " labels: the files do not belong together. Fix: pass the matching pair "
                    + "(train-* with train-*, t10k-* with t10k-*), or delete them and run make data again.");
        }
        checkLength(imagesGz, images, IMAGES_HEADER_BYTES + (long) count * IMAGE_BYTES, count + " images");
        checkLength(labelsGz, labels, LABELS_HEADER_BYTES + (long) count, count + " labels");
        byte[] labelBytes = Arrays.copyOfRange(labels.array(), LABELS_HEADER_BYTES, LABELS_HEADER_BYTES + count);
        for (int i = 0; i < count; i++) {
            if (labelBytes[i] < 0 || labelBytes[i] > 9) {
                throw new ReproException(labelsGz + ": label " + i + " is " + (labelBytes[i] & 0xFF)
                        + ", outside 0..9. " + DataFetcher.refetchHint(labelsGz));
            }
        }
        return new ImageFile(imagesGz.toUri(), images.array(), IMAGES_HEADER_BYTES, IMAGE_BYTES, IMAGE_BYTES, labelBytes);
    }

    private static void checkHeader(Path path, ByteBuffer content, int magic, int headerBytes, String kind) {
        if (content.capacity() < headerBytes || content.getInt(0) != magic) {
            String found = content.capacity() < 4 ? "nothing" : String.valueOf(content.getInt(0));
            throw new ReproException(path + " is not " + kind + " IDX file: its magic number is " + found
                    + ", expected " + magic + " (or the header is cut short). Fix: pass the images file first and the "
                    + "labels file second; if that is the order, delete " + path + " and run make data again.");
        }
    }

    private static void checkLength(Path path, ByteBuffer content, long expected, String what) {
        if (content.capacity() != expected) {
            throw new ReproException(path + " has " + content.capacity() + " bytes unpacked, but its header promises "
                    + what + " (" + expected + " bytes): it is truncated or damaged. " + DataFetcher.refetchHint(path));
        }
    }

    private static byte[] gunzip(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new ReproException(path + " not found. " + DataFetcher.missingHint(path));
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(path), 1 << 16)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ReproException("Could not unpack " + path + " (" + e.getMessage()
                    + "): it is truncated or not gzipped. " + DataFetcher.refetchHint(path), e);
        }
    }

    /** Not supported: an MNIST record is split over two files, so it cannot be read from one stream. */
    @Override
    public List<Writable> record(URI uri, DataInputStream in) {
        throw new UnsupportedOperationException("an MNIST record spans an images file and a labels file; "
                + "use next() or loadFromMetaData()");
    }
}
