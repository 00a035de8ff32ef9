package org.repro4j.data;

import org.repro4j.spec.Protocol;
import org.datavec.api.records.metadata.RecordMetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.repro4j.ReproException;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Protocol logic on generated data; {@link RealDataTest} checks the real files. */
class ProtocolsTest {
    @TempDir
    Path dataDir;

    @Test
    void theSpecsProtocolNamesAreTheOnesTheReportsUse() {
        assertEquals(List.of("cifar-b1", "cifar-all-5k", "cifar-all-1k", "mnist-vu", "mnist-vu-final", "mnist-tdt",
                "synthetic-ellipse"), org.repro4j.spec.SpecNames.all(Protocol.class));
        assertTrue(Protocols.describe(Protocol.MNIST_TDT).contains("20,000"));
    }

    @Test
    void validatesTheOptions() {
        for (int[] digits : new int[][] {{2}, {2, 2}, {2, 10}, {1, 2, 3}}) {
            assertThrows(ReproException.class, () -> new ProtocolOptions(dataDir, DataType.FLOAT, digits, 0));
        }
        assertThrows(ReproException.class, () -> new ProtocolOptions(dataDir, DataType.INT32));
        ProtocolOptions twoThree = new ProtocolOptions(dataDir, DataType.FLOAT, new int[] {2, 3}, 0);
        assertEquals(twoThree, new ProtocolOptions(dataDir, DataType.FLOAT, new int[] {2, 3}, 0));
        for (Protocol name : List.of(Protocol.CIFAR_B1, Protocol.MNIST_VU, Protocol.SYNTHETIC_ELLIPSE)) {
            ReproException e = assertThrows(ReproException.class, () -> Protocols.load(name, twoThree));
            assertTrue(e.getMessage().contains("mnist-tdt"), e.getMessage());
        }
    }

    @Test
    void syntheticEllipseFollowsTheBoundaryRule() {
        Splits splits = Protocols.load(Protocol.SYNTHETIC_ELLIPSE, new ProtocolOptions(dataDir, DataType.DOUBLE, null, 7));
        RealDataTest.assertDeclaredSplits(Protocol.SYNTHETIC_ELLIPSE, splits);

        assertNull(splits.test());
        assertArrayEquals(new long[] {60_000, 2}, splits.train().getFeatures().shape());
        assertArrayEquals(new long[] {10_000, 2}, splits.val().getLabels().shape());
        for (DataSet split : List.of(splits.train(), splits.val())) {
            double[][] x = split.getFeatures().toDoubleMatrix();
            int[] label = split.getLabels().argMax(1).toIntVector();
            for (int i = 0; i < x.length; i++) {
                double quadratic = x[i][0] * x[i][0] + 1.5 * x[i][0] * x[i][1] + 0.2 * x[i][1] * x[i][1];
                assertEquals(quadratic > 0.6 ? 1 : 0, label[i], "point " + i);
            }
        }
        double positive = splits.train().getLabels().getColumn(1).meanNumber().doubleValue();
        System.out.printf("synthetic-ellipse class balance (seed 7): %.4f class 1, %.4f class 0%n", positive, 1 - positive);
        assertTrue(positive > 0.3 && positive < 0.7, "both classes are well represented: " + positive);
        double mean = splits.train().getFeatures().meanNumber().doubleValue();
        double std = splits.train().getFeatures().stdNumber().doubleValue();
        assertEquals(0.0, mean, 0.02);
        assertEquals(1.0, std, 0.02);
    }

    @Test
    void syntheticEllipseDependsOnlyOnTheSeed() {
        ProtocolOptions seven = new ProtocolOptions(dataDir, DataType.FLOAT, null, 7);
        Splits first = Protocols.load(Protocol.SYNTHETIC_ELLIPSE, seven);
        Splits again = Protocols.load(Protocol.SYNTHETIC_ELLIPSE, seven);
        Splits other = Protocols.load(Protocol.SYNTHETIC_ELLIPSE, new ProtocolOptions(dataDir, DataType.FLOAT, null, 8));

        assertEquals(first.train(), again.train());
        assertEquals(first.val(), again.val());
        assertNotEquals(first.train().getFeatures(), other.train().getFeatures());
        assertNotEquals(first.train().getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 10_000),
                org.nd4j.linalg.indexing.NDArrayIndex.all()), first.val().getFeatures(), "val is drawn after train");
    }

    @Test
    void cifarZScoresEverySplitWithTheTrainingStatistics() throws Exception {
        Path cifar = dataDir.resolve(DataFiles.CIFAR_DIR);
        TestFiles.writeCifarBatch(cifar.resolve("data_batch_1.bin"), TestFiles.labelsCycling(300));
        TestFiles.writeCifarBatch(cifar.resolve("data_batch_2.bin"), TestFiles.labelsCycling(40));
        TestFiles.writeCifarBatch(cifar.resolve("test_batch.bin"), TestFiles.labelsCycling(30));

        Splits splits = Protocols.load(Protocol.CIFAR_B1, new ProtocolOptions(dataDir, DataType.DOUBLE));

        assertEquals(300, splits.train().numExamples());
        assertEquals(40, splits.val().numExamples());
        assertEquals(30, splits.test().numExamples());
        INDArray pixels = splits.train().getFeatures();
        assertEquals(TestFiles.pixel(5, 9) / 255.0, pixels.getDouble(5, 9), 1e-12);
        assertTrue(pixels.minNumber().doubleValue() >= 0 && pixels.maxNumber().doubleValue() <= 1, "stored as pixels in [0, 1]");
        NormalizerStandardize zScore = (NormalizerStandardize) splits.normalizer();
        assertTrue(pixels.mean(0).equalsWithEps(zScore.getMean().reshape(3072), 1e-12), "fitted on the training pixels");
        INDArray train = splits.inputs(splits.train()).getFeatures();
        assertEquals(0.0, Transforms.abs(train.mean(0)).maxNumber().doubleValue(), 1e-9);
        assertEquals(1.0, train.std(false, 0).meanNumber().doubleValue(), 1e-3);
        // Val and test are early images (rows 0..39), whose pixel pattern differs from the training average.
        assertTrue(Transforms.abs(splits.inputs(splits.val()).getFeatures().mean(0)).maxNumber().doubleValue() > 0.05);
        assertTrue(Transforms.abs(splits.inputs(splits.test()).getFeatures().mean(0)).maxNumber().doubleValue() > 0.05);
        assertDisjoint(splits);
        assertEquals(CifarRecordReader.CLASS_NAMES, splits.train().getLabelNamesList());
    }

    @Test
    void twoDigitsKeepsThoseDigitsInOrderWithTheFirstAsOne() {
        int[] classes = {3, 2, 7, 2, 9, 3, 3};
        INDArray features = Nd4j.arange(7).reshape(7, 1).castTo(DataType.FLOAT);
        DataSet tenClasses = new DataSet(features, RecordLoading.oneHot(classes, 10, DataType.FLOAT));

        DataSet twoThree = MnistProtocol.twoDigits(tenClasses, 2, 3);

        assertArrayEquals(new float[] {0, 1, 3, 5, 6}, twoThree.getFeatures().toFloatVector());
        assertArrayEquals(new long[] {5, 1}, twoThree.getLabels().shape());
        assertArrayEquals(new float[] {0, 1, 1, 0, 0}, twoThree.getLabels().toFloatVector());
    }

    /** No record (file, index) appears in two splits. */
    static void assertDisjoint(Splits splits) {
        Set<Serializable> seen = new HashSet<>();
        int total = 0;
        for (DataSet split : new DataSet[] {splits.train(), splits.val(), splits.test()}) {
            if (split == null) {
                continue;
            }
            List<Serializable> origins = split.getExampleMetaData();
            assertEquals(split.numExamples(), origins.size(), "every example knows its origin");
            origins.forEach(origin -> assertTrue(origin instanceof RecordMetaData));
            seen.addAll(origins);
            total += origins.size();
        }
        assertEquals(total, seen.size(), "splits share records");
    }

    @Test
    void splitsWithoutNormalizerGiveTheirFeaturesAsInputs() {
        Splits splits = Protocols.load(Protocol.SYNTHETIC_ELLIPSE, new ProtocolOptions(dataDir, DataType.FLOAT, null, 1));
        assertNull(splits.normalizer());
        INDArray rows = splits.inputs(splits.train(), 10, 20);
        assertArrayEquals(splits.train().getFeatures().get(NDArrayIndex.interval(10, 20), NDArrayIndex.all()).toFloatMatrix(),
                rows.toFloatMatrix());
        assertNotSame(splits.train().getFeatures(), rows, "a copy: callers may change it");
    }
}
