package org.repro4j.data;

import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.factory.Nd4j;
import org.repro4j.ReproException;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads CIFAR-10 binary batches ({@code data_batch_N.bin}, {@code test_batch.bin}): each record
 * is 1 label byte then 3,072 pixel bytes, the red, green and blue 32x32 planes in turn. Records
 * come out in file order as {@code [NDArrayWritable(1 x 3072, values 0..255), IntWritable(label)]},
 * keeping the file's channel-plane order.
 */
public final class CifarRecordReader extends LabeledImageReader {
    public static final int IMAGE_BYTES = 3 * 32 * 32;
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    public static final List<String> CLASS_NAMES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    /** A reader to be given its files through {@link #initialize(org.datavec.api.split.InputSplit)}. */
    public CifarRecordReader() {
        super(CLASS_NAMES);
    }

    /** A reader over the given batch files, read in the order given. */
    public CifarRecordReader(List<Path> batchFiles) {
        this();
        setFiles(batchFiles);
    }

    public CifarRecordReader(Path... batchFiles) {
        this(Arrays.asList(batchFiles));
    }

    @Override
    List<ImageFile> load(List<Path> paths) {
        List<ImageFile> files = new ArrayList<>();
        for (Path path : paths) {
            files.add(readBatch(path));
        }
        return files;
    }

    static ImageFile readBatch(Path path) {
        byte[] bytes = readChecked(path);
        byte[] labels = new byte[bytes.length / RECORD_BYTES];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = bytes[i * RECORD_BYTES];
            if (labels[i] < 0 || labels[i] >= CLASS_NAMES.size()) {
                throw new ReproException(path + ": record " + i + " has label " + (labels[i] & 0xFF)
                        + ", outside 0..9, so this is not a valid CIFAR-10 binary batch. "
                        + DataFetcher.refetchHint(path));
            }
        }
        return new ImageFile(path.toUri(), bytes, 1, RECORD_BYTES, IMAGE_BYTES, labels);
    }

    private static byte[] readChecked(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new ReproException(path + " not found. " + DataFetcher.missingHint(path));
        }
        try {
            long size = Files.size(path);
            if (size == 0 || size % RECORD_BYTES != 0) {
                throw new ReproException(path + " has " + size + " bytes, not a positive multiple of the "
                        + RECORD_BYTES + "-byte CIFAR-10 record: it is truncated or not a CIFAR-10 binary batch. "
                        + DataFetcher.refetchHint(path));
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ReproException("Could not read " + path + ": " + e + ". " + DataFetcher.refetchHint(path), e);
        }
    }

    /** Reads one record (label byte + pixels) from a stream positioned at a record boundary. */
    @Override
    public List<Writable> record(URI uri, DataInputStream in) throws IOException {
        byte[] bytes = new byte[RECORD_BYTES];
        try {
            in.readFully(bytes);
        } catch (EOFException e) {
            throw new ReproException(uri + " ends inside a CIFAR-10 record: it is truncated.", e);
        }
        int label = bytes[0] & 0xFF;
        if (label >= CLASS_NAMES.size()) {
            throw new ReproException(uri + ": a record has label " + label + ", outside 0..9.");
        }
        float[] pixels = new float[IMAGE_BYTES];
        for (int i = 0; i < IMAGE_BYTES; i++) {
            pixels[i] = bytes[i + 1] & 0xFF;
        }
        return List.of(new NDArrayWritable(Nd4j.createFromArray(pixels).reshape(1, IMAGE_BYTES)), new IntWritable(label));
    }
}
