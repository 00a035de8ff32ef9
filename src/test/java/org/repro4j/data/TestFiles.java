package org.repro4j.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small files in the exact official formats (CIFAR-10 binary batches, gzipped MNIST IDX,
 * the CIFAR tar.gz), and corrupt variants of them. Pixel values follow {@link #pixel}, so a test can
 * tell which image a row came from.
 */
final class TestFiles {
    private TestFiles() {
    }

    /** The value of pixel {@code j} of image {@code i} in every generated file. */
    static int pixel(int i, int j) {
        return (i * 31 + j * 7) % 256;
    }

    static byte[] cifarBatch(int[] labels) {
        int recordBytes = CifarRecordReader.RECORD_BYTES;
        byte[] bytes = new byte[labels.length * recordBytes];
        for (int i = 0; i < labels.length; i++) {
            bytes[i * recordBytes] = (byte) labels[i];
            for (int j = 0; j < CifarRecordReader.IMAGE_BYTES; j++) {
                bytes[i * recordBytes + 1 + j] = (byte) pixel(i, j);
            }
        }
        return bytes;
    }

    static Path writeCifarBatch(Path file, int[] labels) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, cifarBatch(labels));
    }

    /** IDX images: magic, count, rows, columns, then the pixels of {@code count} images. */
    static byte[] mnistImages(int magic, int count, int rows, int columns, int imagesPresent) {
        ByteBuffer buffer = ByteBuffer.allocate(16 + imagesPresent * rows * columns);
        buffer.putInt(magic).putInt(count).putInt(rows).putInt(columns);
        for (int i = 0; i < imagesPresent; i++) {
            for (int j = 0; j < rows * columns; j++) {
                buffer.put((byte) pixel(i, j));
            }
        }
        return buffer.array();
    }

    static byte[] mnistLabels(int magic, int count, int[] labels) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + labels.length);
        buffer.putInt(magic).putInt(count);
        for (int label : labels) {
            buffer.put((byte) label);
        }
        return buffer.array();
    }

    /** A valid gzipped MNIST pair with the given labels; returns {images, labels}. */
    static Path[] writeMnist(Path folder, String prefix, int[] labels) throws IOException {
        Path images = writeGzip(folder.resolve(prefix + "-images-idx3-ubyte.gz"),
                mnistImages(MnistRecordReader.IMAGES_MAGIC, labels.length, 28, 28, labels.length));
        Path labelFile = writeGzip(folder.resolve(prefix + "-labels-idx1-ubyte.gz"),
                mnistLabels(MnistRecordReader.LABELS_MAGIC, labels.length, labels));
        return new Path[] {images, labelFile};
    }

    static Path writeGzip(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, gzip(content));
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    /**
     * A .tar.gz (POSIX ustar) holding the given entries (name to content), in the given order. Written
     * by hand because commons-compress's TarArchiveOutputStream needs newer commons-lang3/commons-io
     * than the class path has.
     */
    static byte[] tarGz(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            byte[] content = entry.getValue();
            tar.write(ustarHeader(entry.getKey(), content.length));
            tar.write(content);
            tar.write(new byte[(512 - content.length % 512) % 512]);
        }
        tar.write(new byte[1024]); // two zero blocks end the archive
        return gzip(tar.toByteArray());
    }

    private static byte[] ustarHeader(String name, long size) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", size));
        put(header, 136, String.format("%011o", 1_700_000_000L));
        put(header, 148, "        "); // the checksum counts its own field as spaces
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        int checksum = 0;
        for (byte b : header) {
            checksum += b & 0xFF;
        }
        put(header, 148, String.format("%06o", checksum));
        header[154] = 0;
        header[155] = ' ';
        return header;
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    static String md5(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    }

    static int[] labelsCycling(int count) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 10;
        }
        return labels;
    }
}
