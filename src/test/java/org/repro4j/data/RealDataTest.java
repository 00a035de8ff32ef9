package org.repro4j.data;

import org.repro4j.spec.Protocol;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.repro4j.TestData;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks on the real MNIST and CIFAR-10 files in the data folder ({@link TestData#dir()}: {@code DATA_DIR},
 * else ./data after {@code make data}); every test fails, saying where it looked, when they are not there.
 */
class RealDataTest {
    private static Path dataDir;

    @BeforeAll
    static void findData() {
        TestData.requireMnist();
        dataDir = TestData.requireCifar();
    }

    private static ProtocolOptions options() {
        return new ProtocolOptions(dataDir, DataType.FLOAT);
    }

    /** The sizes planning assumes without loading are what each protocol loads. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(org.repro4j.spec.Protocol.class)
    void nominalSizesAreTheLoadedSizes(org.repro4j.spec.Protocol protocol) {
        Splits splits = Protocols.load(protocol, options());
        int all = 0;
        for (DataSet d : new DataSet[] {splits.train(), splits.val(), splits.test()}) {
            all += d == null ? 0 : d.numExamples();
        }
        assertEquals(new Protocols.NominalSize(splits.train().numExamples(), all), Protocols.nominalSize(protocol));
        splits.release();
    }

    @Test
    void cifarHasFiftyThousandTrainingAndTenThousandTestImagesBalanced() {
        long start = System.nanoTime();
        DataSet train = Datasets.cifar(dataDir, DataFiles.CIFAR_TRAIN_BATCHES, DataType.FLOAT);
        System.out.printf("CIFAR-10 50,000 training records loaded in %.2f s%n", (System.nanoTime() - start) / 1e9);
        DataSet test = Datasets.cifar(dataDir, List.of(DataFiles.CIFAR_TEST_BATCH), DataType.FLOAT);

        assertArrayEquals(new long[] {50_000, 3072}, train.getFeatures().shape());
        assertArrayEquals(new long[] {10_000, 3072}, test.getFeatures().shape());
        assertArrayEquals(repeat(5_000f), train.getLabels().sum(0).toFloatVector());
        assertArrayEquals(repeat(1_000f), test.getLabels().sum(0).toFloatVector());
        assertEquals(0.0, train.getFeatures().minNumber().doubleValue());
        assertEquals(255.0, train.getFeatures().maxNumber().doubleValue());
    }

    @Test
    void mnistHasTheKnownClassCounts() {
        DataSet train = Datasets.mnist(dataDir, true, DataType.FLOAT);
        DataSet test = Datasets.mnist(dataDir, false, DataType.FLOAT);

        assertArrayEquals(new long[] {60_000, 784}, train.getFeatures().shape());
        assertArrayEquals(new long[] {10_000, 784}, test.getFeatures().shape());
        assertArrayEquals(new float[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949},
                train.getLabels().sum(0).toFloatVector());
        assertEquals(10_000.0, test.getLabels().sumNumber().doubleValue());
    }

    /**
     * The z-score applied to rows on their way to the network (each training batch, each evaluation
     * block) gives, bit for bit, what applying it once to the whole split gives: what the splits held
     * before they were stored in pixel scale, so training and evaluation see the same numbers.
     */
    @Test
    void normalisingBatchesAndBlocksEqualsNormalisingTheWholeSplit() {
        Splits splits = Protocols.load(Protocol.CIFAR_B1, options());
        DataSet whole = splits.train().copy();
        splits.normalizer().transform(whole);
        INDArray expected = whole.getFeatures();

        assertArrayEquals(rows(expected, 1000, 2024), splits.inputs(splits.train(), 1000, 2024).toFloatMatrix(), "an evaluation block");
        assertBatches(expected, MiniBatchIterator.builder(splits.train()).batchSize(100).reuseBatchMemory(true).build(),
                splits, "the batch");
        // An augmented batch is z-scored in Java (FloatStandardizer): a flip that never flips must give the same numbers.
        assertBatches(expected, MiniBatchIterator.builder(splits.train()).batchSize(100).reuseBatchMemory(true)
                .transform(org.repro4j.data.augment.Augmentations.chain(
                        java.util.List.of(new org.repro4j.data.augment.HorizontalFlipTransform(0, 1, 3, 32, 32)), 3072))
                .build(), splits, "the augmented batch");
    }

    /** Every batch of {@code batches}, normalised by the splits' normalizer, equals those rows of {@code expected}. */
    private static void assertBatches(INDArray expected, MiniBatchIterator batches, Splits splits, String what) {
        batches.setPreProcessor(splits.normalizer());
        int from = 0;
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            int to = from + batch.numExamples();
            assertArrayEquals(rows(expected, from, to), batch.getFeatures().toFloatMatrix(), what + " of rows " + from + "-" + to);
            from = to;
        }
        assertEquals(10_000, from);
    }

    private static float[][] rows(INDArray a, int from, int to) {
        return a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to), org.nd4j.linalg.indexing.NDArrayIndex.all()).toFloatMatrix();
    }

    @Test
    void cifarB1UsesOneBatchEachAndGivesTheSameDataTwice() {
        Splits splits = Protocols.load(Protocol.CIFAR_B1, options());
        assertDeclaredSplits(Protocol.CIFAR_B1, splits);

        assertSizes(splits, 10_000, 10_000, 10_000);
        assertFromFile(splits.train(), "data_batch_1.bin");
        assertFromFile(splits.val(), "data_batch_2.bin");
        assertFromFile(splits.test(), "test_batch.bin");
        assertZScoredOnTrainOnly(splits);
        ProtocolsTest.assertDisjoint(splits);

        Splits again = Protocols.load(Protocol.CIFAR_B1, options());
        assertEquals(splits.train(), again.train());
        assertEquals(splits.val(), again.val());
        assertEquals(splits.test(), again.test());
        assertSameTraining(splits, Protocols.loadTraining(Protocol.CIFAR_B1, options()));
    }

    /** The training split loaded alone holds what the whole protocol's does, with the same z-score. */
    private static void assertSameTraining(Splits all, Splits training) {
        assertNull(training.val());
        assertNull(training.test());
        assertEquals(all.train(), training.train());
        NormalizerStandardize a = (NormalizerStandardize) all.normalizer();
        NormalizerStandardize t = (NormalizerStandardize) training.normalizer();
        assertEquals(a.getMean(), t.getMean());
        assertEquals(a.getStd(), t.getStd());
    }

    @Test
    void cifarAll5kHoldsOutTheLastFiveThousand() {
        Splits splits = Protocols.load(Protocol.CIFAR_ALL_5K, options());
        assertDeclaredSplits(Protocol.CIFAR_ALL_5K, splits);

        assertSizes(splits, 45_000, 5_000, 10_000);
        RecordMetaDataIndex firstVal = (RecordMetaDataIndex) splits.val().getExampleMetaData().get(0);
        assertTrue(firstVal.getURI().toString().endsWith("data_batch_5.bin"));
        assertEquals(5_000, firstVal.getIndex());
        assertZScoredOnTrainOnly(splits);
        ProtocolsTest.assertDisjoint(splits);
        assertSameTraining(splits, Protocols.loadTraining(Protocol.CIFAR_ALL_5K, options()));
    }

    @Test
    @Tag("full")
    void cifarAll1kHoldsOutTheLastThousand() {
        Splits splits = Protocols.load(Protocol.CIFAR_ALL_1K, options());
        assertDeclaredSplits(Protocol.CIFAR_ALL_1K, splits);

        assertSizes(splits, 49_000, 1_000, 10_000);
        assertEquals(9_000, ((RecordMetaDataIndex) splits.val().getExampleMetaData().get(0)).getIndex());
        assertZScoredOnTrainOnly(splits);
        ProtocolsTest.assertDisjoint(splits);
    }

    @Test
    void mnistVuProtocols() {
        Splits vu = Protocols.load(Protocol.MNIST_VU, options());
        assertDeclaredSplits(Protocol.MNIST_VU, vu);
        assertSizes(vu, 55_000, 5_000, 10_000);
        assertEquals(55_000, ((RecordMetaDataIndex) vu.val().getExampleMetaData().get(0)).getIndex());
        assertEquals(1.0, vu.train().getFeatures().maxNumber().doubleValue());
        assertEquals(0.0, vu.test().getFeatures().minNumber().doubleValue());
        ProtocolsTest.assertDisjoint(vu);

        Splits last = Protocols.load(Protocol.MNIST_VU_FINAL, options());
        assertDeclaredSplits(Protocol.MNIST_VU_FINAL, last);
        assertEquals(60_000, last.train().numExamples());
        assertNull(last.val());
        assertEquals(10_000, last.test().numExamples());
        assertEquals(vu.test(), last.test());
        ProtocolsTest.assertDisjoint(last);
    }

    @Test
    void mnistTdtTakesTheFirstImagesScaledToPlusMinusOne() {
        Splits all = Protocols.load(Protocol.MNIST_TDT, options());
        assertDeclaredSplits(Protocol.MNIST_TDT, all);
        assertEquals(20_000, all.train().numExamples());
        assertEquals(10_000, all.val().numExamples());
        assertNull(all.test());
        assertEquals(-1.0, all.train().getFeatures().minNumber().doubleValue());
        assertEquals(1.0, all.train().getFeatures().maxNumber().doubleValue());
        assertEquals(10, all.train().getLabels().size(1));
        assertFromFile(all.val(), "t10k-images-idx3-ubyte.gz");
        ProtocolsTest.assertDisjoint(all);
    }

    @Test
    void mnistTdtTwoVersusThree() {
        ProtocolOptions twoThree = new ProtocolOptions(dataDir, DataType.FLOAT, new int[] {2, 3}, 0);
        Splits splits = Protocols.load(Protocol.MNIST_TDT, twoThree);

        assertEquals(4_005, splits.train().numExamples());
        assertEquals(2_042, splits.val().numExamples());
        assertArrayEquals(new long[] {4_005, 1}, splits.train().getLabels().shape());
        Splits tenClasses = Protocols.load(Protocol.MNIST_TDT, options());
        int twosInTrain = (int) tenClasses.train().getLabels().getColumn(2).sumNumber().doubleValue();
        assertEquals(twosInTrain, (int) splits.train().getLabels().sumNumber().doubleValue(), "2 is labelled 1.0");
        ProtocolsTest.assertDisjoint(splits);
        assertEquals(splits.train(), Protocols.load(Protocol.MNIST_TDT, twoThree).train());
    }

    /** What Protocols.splits says without loading (for the checks before training) is what the protocol loads. */
    static void assertDeclaredSplits(Protocol protocol, Splits loaded) {
        List<String> present = java.util.stream.Stream.of("train", "val", "test").filter(n -> loaded.split(n) != null).toList();
        assertEquals(present, Protocols.splits(protocol), protocol.toString());
    }

    private static void assertSizes(Splits splits, int train, int val, int test) {
        assertEquals(train, splits.train().numExamples());
        assertEquals(val, splits.val().numExamples());
        assertEquals(test, splits.test().numExamples());
    }

    private static void assertFromFile(DataSet split, String fileName) {
        assertTrue(split.getExampleMetaData().stream()
                .allMatch(origin -> ((RecordMetaDataIndex) origin).getURI().toString().endsWith(fileName)), fileName);
    }

    /**
     * Train is z-scored per dimension (mean 0, std 1); val and test use the same statistics, not their own.
     * Column statistics come from {@link ZScore} (checked against ND4J's own fit in ZScoreTest), because
     * INDArray.mean(0) over 45,000 rows takes seconds.
     */
    private static void assertZScoredOnTrainOnly(Splits splits) {
        INDArray pixels = splits.train().getFeatures();
        assertTrue(pixels.minNumber().doubleValue() >= 0 && pixels.maxNumber().doubleValue() <= 1, "stored as pixels in [0, 1]");
        NormalizerStandardize fitted = (NormalizerStandardize) splits.normalizer();
        assertTrue(fitted.getMean().equalsWithEps(ZScore.fit(pixels).getMean(), 1e-6), "fitted on the training pixels");
        NormalizerStandardize train = ZScore.fit(splits.inputs(splits.train()).getFeatures());
        assertTrue(Transforms.abs(train.getMean()).maxNumber().doubleValue() < 1e-3, "train mean ~0 per dimension");
        assertTrue(Transforms.abs(train.getStd().sub(1.0)).maxNumber().doubleValue() < 1e-3, "train std ~1 per dimension");
        for (DataSet other : List.of(splits.val(), splits.test())) {
            double worstMean = Transforms.abs(ZScore.fit(splits.inputs(other).getFeatures()).getMean()).maxNumber().doubleValue();
            assertTrue(worstMean > 0.01, "val/test are not refitted: largest |mean| " + worstMean);
            assertTrue(worstMean < 0.5, "but they are on the training scale: " + worstMean);
        }
    }

    private static float[] repeat(float value) {
        float[] values = new float[10];
        java.util.Arrays.fill(values, value);
        return values;
    }
}
