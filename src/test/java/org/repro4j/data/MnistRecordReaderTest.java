package org.repro4j.data;

import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.writable.NDArrayWritable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.repro4j.ReproException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MnistRecordReaderTest {
    private static final int IMAGES = MnistRecordReader.IMAGES_MAGIC;
    private static final int LABELS = MnistRecordReader.LABELS_MAGIC;

    @TempDir
    Path dir;

    @Test
    void readsImagesAndLabels() throws Exception {
        Path[] pair = TestFiles.writeMnist(dir, "train", new int[] {5, 0, 4, 1});
        MnistRecordReader reader = new MnistRecordReader(pair[0], pair[1]);

        assertEquals(4, reader.numRecords());
        List<Integer> labels = new ArrayList<>();
        int index = 0;
        while (reader.hasNext()) {
            Record record = reader.nextRecord();
            INDArray pixels = ((NDArrayWritable) record.getRecord().get(0)).get();
            assertArrayEquals(new long[] {1, 784}, pixels.shape());
            assertEquals(TestFiles.pixel(index, 0), pixels.getInt(0, 0));
            assertEquals(TestFiles.pixel(index, 783), pixels.getInt(0, 783));
            assertEquals(index, ((RecordMetaDataIndex) record.getMetaData()).getIndex());
            labels.add(record.getRecord().get(1).toInt());
            index++;
        }
        assertEquals(List.of(5, 0, 4, 1), labels);
    }

    @Test
    void refusesABadImagesMagic() throws Exception {
        Path images = TestFiles.writeGzip(dir.resolve("i.gz"), TestFiles.mnistImages(LABELS, 2, 28, 28, 2));
        Path labels = TestFiles.writeGzip(dir.resolve("l.gz"), TestFiles.mnistLabels(LABELS, 2, new int[] {1, 2}));
        assertRefused(images, labels, images, "2049", "2051");
    }

    @Test
    void refusesABadLabelsMagic() throws Exception {
        Path images = TestFiles.writeGzip(dir.resolve("i.gz"), TestFiles.mnistImages(IMAGES, 2, 28, 28, 2));
        Path labels = TestFiles.writeGzip(dir.resolve("l.gz"), TestFiles.mnistLabels(IMAGES, 2, new int[] {1, 2}));
        assertRefused(images, labels, labels, "2051", "2049");
    }

    @Test
    void refusesSwappedFiles() throws Exception {
        Path[] pair = TestFiles.writeMnist(dir, "t10k", new int[] {1, 2});
        assertRefused(pair[1], pair[0], pair[1], "images file first");
    }

    @Test
    void refusesImagesThatAreNot28By28() throws Exception {
        Path images = TestFiles.writeGzip(dir.resolve("i.gz"), TestFiles.mnistImages(IMAGES, 2, 32, 32, 2));
        Path labels = TestFiles.writeGzip(dir.resolve("l.gz"), TestFiles.mnistLabels(LABELS, 2, new int[] {1, 2}));
        assertRefused(images, labels, images, "32x32");
    }

    @Test
    void refusesACountMismatch() throws Exception {
        Path images = TestFiles.writeGzip(dir.resolve("i.gz"), TestFiles.mnistImages(IMAGES, 3, 28, 28, 3));
        Path labels = TestFiles.writeGzip(dir.resolve("l.gz"), TestFiles.mnistLabels(LABELS, 2, new int[] {1, 2}));
        ReproException e = assertRefused(images, labels, images, "3 images", "2 labels");
        assertTrue(e.getMessage().contains(labels.toString()), e.getMessage());
    }

    @Test
    void refusesImagesCutShort() throws Exception {
        Path images = TestFiles.writeGzip(dir.resolve("i.gz"), TestFiles.mnistImages(IMAGES, 3, 28, 28, 2));
        Path labels = TestFiles.writeGzip(dir.resolve("l.gz"), TestFiles.mnistLabels(LABELS, 3, new int[] {1, 2, 3}));
        assertRefused(images, labels, images, "truncated");
    }

    @Test
    void refusesATruncatedGzip() throws Exception {
        Path[] pair = TestFiles.writeMnist(dir, "train", new int[] {1, 2, 3});
        byte[] gz = Files.readAllBytes(pair[0]);
        Files.write(pair[0], Arrays.copyOf(gz, gz.length / 2));
        assertRefused(pair[0], pair[1], pair[0], "truncated");
    }

    @Test
    void refusesALabelOutOfRange() throws Exception {
        Path[] pair = TestFiles.writeMnist(dir, "train", new int[] {1, 12, 3});
        assertRefused(pair[0], pair[1], pair[1], "label 1 is 12");
    }

    @Test
    void refusesAMissingFile() throws Exception {
        Path[] pair = TestFiles.writeMnist(dir, "train", new int[] {1});
        Path missing = dir.resolve("t10k-labels-idx1-ubyte.gz");
        assertRefused(pair[0], missing, missing, "run make data");
    }

    private static ReproException assertRefused(Path images, Path labels, Path named, String... phrases) {
        ReproException e = assertThrows(ReproException.class, () -> new MnistRecordReader(images, labels));
        assertTrue(e.getMessage().contains(named.toString()), e.getMessage());
        for (String phrase : phrases) {
            assertTrue(e.getMessage().contains(phrase), "'" + phrase + "' missing from: " + e.getMessage());
        }
        return e;
    }
}
