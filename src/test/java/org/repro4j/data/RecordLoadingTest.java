package org.repro4j.data;

import org.datavec.api.records.reader.impl.collection.CollectionRecordReader;
import org.datavec.api.writable.DoubleWritable;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.repro4j.ReproException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordLoadingTest {
    @TempDir
    Path dir;

    @Test
    void readsABatchingReaderIntoRawFeaturesAndOneHotLabels() throws Exception {
        Path first = TestFiles.writeCifarBatch(dir.resolve("a.bin"), new int[] {3, 9, 0});
        Path second = TestFiles.writeCifarBatch(dir.resolve("b.bin"), new int[] {7, 1});

        DataSet data = RecordLoading.readAll(new CifarRecordReader(first, second), 10, DataType.DOUBLE);

        assertEquals(DataType.DOUBLE, data.getFeatures().dataType());
        assertArrayEquals(new long[] {5, 3072}, data.getFeatures().shape());
        assertArrayEquals(new long[] {5, 10}, data.getLabels().shape());
        assertArrayEquals(new int[] {3, 9, 0, 7, 1}, data.getLabels().argMax(1).toIntVector());
        assertEquals(5.0, data.getLabels().sumNumber().doubleValue());
        assertEquals(TestFiles.pixel(2, 77), data.getFeatures().getDouble(2, 77));
        assertEquals(TestFiles.pixel(1, 3071), data.getFeatures().getDouble(4, 3071), "row 4 is image 1 of file b");
        assertEquals(CifarRecordReader.CLASS_NAMES, data.getLabelNamesList());
    }

    @Test
    void recordByRecordGivesTheSameDataAsBatches() throws Exception {
        Path file = TestFiles.writeCifarBatch(dir.resolve("a.bin"), TestFiles.labelsCycling(25));
        CifarRecordReader reader = new CifarRecordReader(file);
        List<List<Writable>> records = new ArrayList<>();
        while (reader.hasNext()) {
            records.add(reader.next());
        }

        DataSet batched = RecordLoading.readAll(reader, 10, DataType.FLOAT);
        DataSet oneByOne = RecordLoading.readAll(new CollectionRecordReader(records), 10, DataType.FLOAT);

        assertEquals(batched.getFeatures(), oneByOne.getFeatures());
        assertEquals(batched.getLabels(), oneByOne.getLabels());
        assertEquals(25, oneByOne.getExampleMetaData().size(), "one origin per record");
        // SplitsStore frees released splits with close(), which ND4J refuses for views: loaded arrays must not be views.
        for (DataSet d : List.of(batched, oneByOne)) {
            assertTrue(d.getFeatures().closeable() && d.getLabels().closeable(), "closeable, not a view");
        }
    }

    @Test
    void readsMoreRecordsThanOneChunk() {
        int count = 10_500;
        List<List<Writable>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            INDArray row = Nd4j.createFromArray((float) i, (float) -i).reshape(1, 2);
            records.add(List.of(new NDArrayWritable(row), new IntWritable(i % 3)));
        }

        DataSet data = RecordLoading.readAll(new CollectionRecordReader(records), 3, DataType.FLOAT);

        assertArrayEquals(new long[] {count, 2}, data.getFeatures().shape());
        assertEquals(10_499.0, data.getFeatures().getDouble(10_499, 0));
        assertEquals(-10_001.0, data.getFeatures().getDouble(10_001, 1));
        assertEquals(2, data.getLabels().argMax(1).getInt(10_499));
    }

    @Test
    void readsScalarFeatureColumnsWithoutLosingPrecision() {
        List<List<Writable>> records = List.of(
                List.of(new DoubleWritable(0.1), new DoubleWritable(-2.5), new IntWritable(1)),
                List.of(new DoubleWritable(1e-9), new DoubleWritable(3.0), new IntWritable(0)));

        DataSet data = RecordLoading.readAll(new CollectionRecordReader(records), 2, DataType.DOUBLE);

        assertArrayEquals(new double[] {0.1, -2.5, 1e-9, 3.0}, data.getFeatures().ravel().toDoubleVector());
        assertArrayEquals(new double[] {0, 1, 1, 0}, data.getLabels().ravel().toDoubleVector());
    }

    @Test
    void refusesALabelOutsideTheClasses() {
        List<List<Writable>> records = List.of(
                List.of(new NDArrayWritable(Nd4j.zeros(1, 4)), new IntWritable(1)),
                List.of(new NDArrayWritable(Nd4j.zeros(1, 4)), new IntWritable(5)));
        ReproException e = assertThrows(ReproException.class,
                () -> RecordLoading.readAll(new CollectionRecordReader(records), 3, DataType.FLOAT));
        assertTrue(e.getMessage().contains("label 5, outside 0..2"), e.getMessage());
    }

    @Test
    void refusesRecordsOfDifferentLengths() {
        List<List<Writable>> records = List.of(
                List.of(new NDArrayWritable(Nd4j.zeros(1, 4)), new IntWritable(1)),
                List.of(new NDArrayWritable(Nd4j.zeros(1, 5)), new IntWritable(1)));
        ReproException e = assertThrows(ReproException.class,
                () -> RecordLoading.readAll(new CollectionRecordReader(records), 3, DataType.FLOAT));
        assertTrue(e.getMessage().contains("5 feature values"), e.getMessage());
    }

    @Test
    void refusesAnEmptyReader() {
        assertThrows(ReproException.class,
                () -> RecordLoading.readAll(new CollectionRecordReader(List.of()), 3, DataType.FLOAT));
    }

    @Test
    void datasetsLoadsTheLayoutOfTheDataFolderWithOrigins() throws Exception {
        Path cifar = dir.resolve(DataFiles.CIFAR_DIR);
        TestFiles.writeCifarBatch(cifar.resolve("data_batch_1.bin"), new int[] {1, 2});
        TestFiles.writeCifarBatch(cifar.resolve("test_batch.bin"), new int[] {3});
        TestFiles.writeMnist(dir.resolve(DataFiles.MNIST_DIR), "t10k", new int[] {4, 5, 6});

        DataSet images = Datasets.cifar(dir, List.of("test_batch.bin", "data_batch_1.bin"), DataType.FLOAT);
        DataSet digits = Datasets.mnist(dir, false, DataType.FLOAT);

        assertArrayEquals(new int[] {3, 1, 2}, images.getLabels().argMax(1).toIntVector());
        assertEquals(3, images.getExampleMetaData().size());
        assertTrue(images.getExampleMetaData().get(0).toString().contains("test_batch.bin"));
        assertArrayEquals(new long[] {3, 784}, digits.getFeatures().shape());
        assertArrayEquals(new int[] {4, 5, 6}, digits.getLabels().argMax(1).toIntVector());
        ReproException e = assertThrows(ReproException.class, () -> Datasets.mnist(dir, true, DataType.FLOAT));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
    }

    @Test
    void readsOnlyTheFirstRecordsWhenToldHowMany() throws Exception {
        TestFiles.writeMnist(dir.resolve(DataFiles.MNIST_DIR), "t10k", new int[] {4, 5, 6, 7});

        DataSet all = Datasets.mnist(dir, false, DataType.FLOAT);
        DataSet head = Datasets.mnist(dir, false, DataType.FLOAT, 2);
        DataSet more = Datasets.mnist(dir, false, DataType.FLOAT, 9);

        assertArrayEquals(new long[] {2, 784}, head.getFeatures().shape());
        assertEquals(all.getFeatures().get(NDArrayIndex.interval(0, 2), NDArrayIndex.all()), head.getFeatures());
        assertArrayEquals(new int[] {4, 5}, head.getLabels().argMax(1).toIntVector());
        assertEquals(all.getExampleMetaData().subList(0, 2).toString(), head.getExampleMetaData().toString());
        assertEquals(4, more.numExamples());
        assertEquals(all.getFeatures(), more.getFeatures());
        assertThrows(IllegalArgumentException.class,
                () -> RecordLoading.readFirst(new CollectionRecordReader(List.of()), 0, 3, DataType.FLOAT));
    }
}
