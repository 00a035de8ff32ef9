package org.repro4j.data;

import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.datavec.api.writable.batch.NDArrayRecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.repro4j.ReproException;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CifarRecordReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsRecordsOfSeveralFilesInOrder() throws Exception {
        Path first = TestFiles.writeCifarBatch(dir.resolve("a.bin"), new int[] {3, 9, 0});
        Path second = TestFiles.writeCifarBatch(dir.resolve("b.bin"), new int[] {7, 1});
        CifarRecordReader reader = new CifarRecordReader(first, second);

        assertEquals(5, reader.numRecords());
        List<Integer> labels = new ArrayList<>();
        List<Long> indices = new ArrayList<>();
        while (reader.hasNext()) {
            Record record = reader.nextRecord();
            List<Writable> values = record.getRecord();
            assertEquals(2, values.size());
            INDArray pixels = assertInstanceOf(NDArrayWritable.class, values.get(0)).get();
            assertArrayEquals(new long[] {1, 3072}, pixels.shape());
            RecordMetaDataIndex origin = (RecordMetaDataIndex) record.getMetaData();
            int index = (int) origin.getIndex();
            assertEquals(TestFiles.pixel(index, 0), pixels.getInt(0, 0));
            assertEquals(TestFiles.pixel(index, 3071), pixels.getInt(0, 3071));
            labels.add(assertInstanceOf(IntWritable.class, values.get(1)).get());
            indices.add(origin.getIndex());
        }
        assertEquals(List.of(3, 9, 0, 7, 1), labels);
        assertEquals(List.of(0L, 1L, 2L, 0L, 1L), indices);

        reader.reset();
        assertEquals(3, reader.next().get(1).toInt());
    }

    @Test
    void batchesHoldTheSameValuesAsRecords() throws Exception {
        Path first = TestFiles.writeCifarBatch(dir.resolve("a.bin"), new int[] {3, 9, 0});
        Path second = TestFiles.writeCifarBatch(dir.resolve("b.bin"), new int[] {7, 1});
        CifarRecordReader reader = new CifarRecordReader(first, second);

        List<INDArray> rows = new ArrayList<>();
        while (reader.hasNext()) {
            rows.add(((NDArrayWritable) reader.next().get(0)).get());
        }
        reader.reset();
        NDArrayRecordBatch firstBatch = (NDArrayRecordBatch) reader.next(4);
        NDArrayRecordBatch lastBatch = (NDArrayRecordBatch) reader.next(4);
        assertFalse(reader.hasNext());

        INDArray features = firstBatch.getArrays().get(0);
        assertArrayEquals(new long[] {4, 3072}, features.shape());
        assertArrayEquals(new long[] {1, 3072}, lastBatch.getArrays().get(0).shape());
        for (int i = 0; i < 4; i++) {
            assertEquals(rows.get(i), features.getRow(i, true));
        }
        assertEquals(rows.get(4), lastBatch.getArrays().get(0));
        INDArray oneHot = firstBatch.getArrays().get(1);
        assertArrayEquals(new long[] {4, 10}, oneHot.shape());
        assertArrayEquals(new int[] {3, 9, 0, 7}, oneHot.argMax(1).toIntVector());
    }

    @Test
    void loadsRecordsFromTheirMetaData() throws Exception {
        Path file = TestFiles.writeCifarBatch(dir.resolve("a.bin"), new int[] {3, 9, 0});
        CifarRecordReader reader = new CifarRecordReader(file);
        Record record = reader.loadFromMetaData(new RecordMetaDataIndex(2, file.toUri(), CifarRecordReader.class));
        assertEquals(0, record.getRecord().get(1).toInt());
        assertEquals(TestFiles.pixel(2, 5), ((NDArrayWritable) record.getRecord().get(0)).get().getInt(0, 5));
    }

    @Test
    void initializesFromAnInputSplit() throws Exception {
        Path file = TestFiles.writeCifarBatch(dir.resolve("a.bin"), new int[] {4, 5});
        CifarRecordReader reader = new CifarRecordReader();
        reader.initialize(new FileSplit(file.toFile()));
        assertEquals(2, reader.numRecords());
        assertEquals(4, reader.next().get(1).toInt());
    }

    @Test
    void readsOneRecordFromAStream() throws Exception {
        byte[] batch = TestFiles.cifarBatch(new int[] {6});
        List<Writable> record = new CifarRecordReader()
                .record(dir.toUri(), new DataInputStream(new ByteArrayInputStream(batch)));
        assertEquals(6, record.get(1).toInt());
        assertEquals(TestFiles.pixel(0, 100), ((NDArrayWritable) record.get(0)).get().getInt(0, 100));
    }

    @Test
    void refusesATruncatedFile() throws Exception {
        byte[] batch = TestFiles.cifarBatch(new int[] {1, 2});
        Path file = Files.write(dir.resolve("cut.bin"), Arrays.copyOf(batch, batch.length - 100));
        ReproException e = assertThrows(ReproException.class, () -> new CifarRecordReader(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("3073"), e.getMessage());
        assertTrue(e.getMessage().contains("make data"), e.getMessage());
    }

    @Test
    void refusesAnEmptyFile() throws Exception {
        Path file = Files.write(dir.resolve("empty.bin"), new byte[0]);
        ReproException e = assertThrows(ReproException.class, () -> new CifarRecordReader(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void refusesALabelOutOfRange() throws Exception {
        Path file = TestFiles.writeCifarBatch(dir.resolve("bad.bin"), new int[] {1, 10});
        ReproException e = assertThrows(ReproException.class, () -> new CifarRecordReader(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("record 1 has label 10"), e.getMessage());
    }

    @Test
    void refusesAMissingFile() {
        Path file = dir.resolve("data_batch_9.bin");
        ReproException e = assertThrows(ReproException.class, () -> new CifarRecordReader(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("run make data"), e.getMessage());
    }
}
