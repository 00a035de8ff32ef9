package org.repro4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

import org.datavec.api.transform.TransformProcess;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.repro4j.ReproException;
import org.repro4j.data.augment.Augmentations;
import org.repro4j.data.augment.HorizontalFlipTransform;

class MiniBatchIteratorTest {

    /** Example i has features [i, 100 + i, 200 + i, 300 + i] and class i % 3 (one-hot). */
    private static DataSet numbered(int n) {
        INDArray features = Nd4j.create(DataType.FLOAT, n, 4);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                features.putScalar(i, j, 100 * j + i);
            }
            labels.putScalar(i, i % 3, 1);
        }
        return new DataSet(features, labels);
    }

    /** The example ids of one batch, read back from feature column 0. */
    private static int[] ids(DataSet batch) {
        return batch.getFeatures().getColumn(0).toIntVector();
    }

    private static List<int[]> epochIds(MiniBatchIterator it) {
        List<int[]> batches = new ArrayList<>();
        while (it.hasNext()) {
            DataSet batch = it.next();
            int[] id = ids(batch);
            int[] cls = batch.getLabels().argMax(1).toIntVector();
            for (int k = 0; k < id.length; k++) {
                assertEquals(id[k] % 3, cls[k], "labels travel with their features");
            }
            batches.add(id);
        }
        return batches;
    }

    private static int[] flatten(List<int[]> batches) {
        return batches.stream().flatMapToInt(Arrays::stream).toArray();
    }

    @Test
    void withoutShuffleBatchesComeInOrderAndKeepTheLastPartialBatch() {
        MiniBatchIterator it = MiniBatchIterator.builder(numbered(10)).batchSize(3).build();
        List<int[]> batches = epochIds(it);

        assertEquals(4, batches.size());
        assertEquals(4, it.batchesPerEpoch());
        assertArrayEquals(new int[] {9}, batches.get(3));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, flatten(batches));
        assertThrows(NoSuchElementException.class, it::next);

        it.reset();
        assertEquals(1, it.epoch());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, flatten(epochIds(it)));
    }

    @Test
    void dropLastSkipsThePartialBatch() {
        MiniBatchIterator it = MiniBatchIterator.builder(numbered(10)).batchSize(3).dropLast(true).build();
        List<int[]> batches = epochIds(it);

        assertEquals(3, batches.size());
        assertEquals(3, it.batchesPerEpoch());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, flatten(batches));
    }

    @Test
    void shuffleGivesAFreshPermutationEachEpochThatDependsOnlyOnSeedAndEpoch() {
        MiniBatchIterator it = MiniBatchIterator.builder(numbered(50)).batchSize(7).shuffle(5).build();
        List<int[]> orders = new ArrayList<>();
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] order = flatten(epochIds(it));
            int[] sorted = order.clone();
            Arrays.sort(sorted);
            assertArrayEquals(java.util.stream.IntStream.range(0, 50).toArray(), sorted, "a permutation");
            orders.add(order);
            it.reset();
        }
        assertFalse(Arrays.equals(orders.get(0), orders.get(1)));
        assertFalse(Arrays.equals(orders.get(1), orders.get(2)));

        // A new iterator with the same seed replays the same epochs; another seed does not.
        MiniBatchIterator replay = MiniBatchIterator.builder(numbered(50)).batchSize(7).shuffle(5).build();
        for (int epoch = 0; epoch < 3; epoch++) {
            assertArrayEquals(orders.get(epoch), flatten(epochIds(replay)), "epoch " + epoch);
            replay.reset();
        }
        MiniBatchIterator otherSeed = MiniBatchIterator.builder(numbered(50)).batchSize(7).shuffle(6).build();
        assertFalse(Arrays.equals(orders.get(0), flatten(epochIds(otherSeed))));

        // Epoch 2's order does not depend on how the batches of earlier epochs were taken.
        assertArrayEquals(orders.get(2), MiniBatchIterator.permutation(50, 5, 2));
    }

    @Test
    void resetOnlyAdvancesTheEpochOnceABatchWasTaken() {
        MiniBatchIterator it = MiniBatchIterator.builder(numbered(10)).batchSize(5).shuffle(1).build();
        it.reset();
        it.reset();
        assertEquals(0, it.epoch());
        int[] epoch0 = flatten(epochIds(it));
        assertArrayEquals(MiniBatchIterator.permutation(10, 1, 0), epoch0);

        it.reset();
        it.reset();
        assertEquals(1, it.epoch());
        it.next();
        it.reset(); // abandons epoch 1 half way
        assertEquals(2, it.epoch());
        assertArrayEquals(MiniBatchIterator.permutation(10, 1, 2), flatten(epochIds(it)));
    }

    @Test
    void batchesAreCopiesSoAnInPlacePreProcessorLeavesTheSourceAlone() {
        DataSet data = numbered(10);
        INDArray before = data.getFeatures().dup();
        for (boolean shuffle : new boolean[] {false, true}) {
            MiniBatchIterator.Builder builder = MiniBatchIterator.builder(data).batchSize(4);
            MiniBatchIterator it = (shuffle ? builder.shuffle(3) : builder).build();
            it.setPreProcessor(batch -> batch.getFeatures().muli(-1));
            while (it.hasNext()) {
                assertTrue(it.next().getFeatures().maxNumber().doubleValue() <= 0, "pre-processor ran");
            }
        }
        assertEquals(before, data.getFeatures());
    }

    @Test
    void transformsRunPerRecordBeforeThePreProcessor() {
        DataSet data = numbered(10);
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(data);
        TransformProcess flipAll = Augmentations.chain(List.of(new HorizontalFlipTransform(1.0, 1, 1, 1, 4)), 4);
        MiniBatchIterator it = MiniBatchIterator.builder(data).batchSize(4).transform(flipAll).build();
        it.setPreProcessor(normalizer);

        DataSet batch = it.next();

        INDArray expected = flipColumns(data.getFeatures(), 0, 4);
        normalizer.transform(expected);
        assertEquals(expected, batch.getFeatures());
        assertEquals(data.getLabels().getRows(0, 1, 2, 3), batch.getLabels());
        assertEquals(DataType.FLOAT, batch.getFeatures().dataType());
    }

    private static INDArray flipColumns(INDArray features, int from, int to) {
        INDArray out = Nd4j.create(DataType.FLOAT, to - from, features.size(1));
        for (int i = from; i < to; i++) {
            for (int j = 0; j < features.size(1); j++) {
                out.putScalar(i - from, j, features.getDouble(i, features.size(1) - 1 - j));
            }
        }
        return out;
    }

    /**
     * The iterator hands the augmentations slices of one Java copy of the batch; that must give
     * exactly what each transform gives applied to each record's INDArray in turn (same seeds),
     * for float and double data, with reused and fresh batch memory, and with a plain DataVec
     * transform (which gets an INDArray copy) in the chain.
     */
    @Test
    void augmentedBatchesEqualTheTransformsAppliedRecordByRecord() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (boolean reuse : new boolean[] {false, true}) {
                INDArray features = Nd4j.rand(DataType.DOUBLE, 23, 12).castTo(type);
                DataSet data = new DataSet(features, numbered(23).getLabels());
                MiniBatchIterator it = MiniBatchIterator.builder(data).batchSize(5).shuffle(3).reuseBatchMemory(reuse)
                        .transform(Augmentations.chain(pipeline(), 12)).build();
                List<org.datavec.api.transform.Transform> reference = pipeline();
                int[] order = new int[23];
                int seen = 0;
                List<INDArray> batches = new ArrayList<>();
                while (it.hasNext()) {
                    batches.add(it.next().getFeatures().dup());
                }
                // The shuffled order, recovered from a second, untransformed iterator with the same seed.
                MiniBatchIterator plain = MiniBatchIterator.builder(new DataSet(Nd4j.arange(23).reshape(23, 1)
                        .castTo(DataType.FLOAT), data.getLabels())).batchSize(5).shuffle(3).build();
                while (plain.hasNext()) {
                    for (double id : plain.next().getFeatures().toDoubleVector()) {
                        order[seen++] = (int) id;
                    }
                }
                int row = 0;
                for (INDArray batch : batches) {
                    for (int r = 0; r < batch.rows(); r++, row++) {
                        INDArray expected = features.getRow(order[row], true);
                        for (org.datavec.api.transform.Transform t : reference) {
                            expected = t instanceof org.repro4j.data.augment.RandomFeatureTransform random
                                    ? random.apply(expected) : expected.mul(2.0);
                        }
                        assertEquals(expected.castTo(type), batch.getRow(r, true), type + ", reuse " + reuse + ", record " + row);
                    }
                }
                assertEquals(23, row);
            }
        }
    }

    /**
     * An augmented float batch is z-scored in Java while its values are there: the same numbers,
     * bit for bit, as ND4J's NormalizerStandardize applied to the batch after the augmentations
     * (here: the same iterator over data where the flips are done already), a constant feature
     * (standard deviation 0) included, with fresh and reused batch memory.
     */
    @Test
    void augmentedFloatBatchesAreZScoredAsNd4jDoes() {
        INDArray features = Nd4j.rand(DataType.FLOAT, 37, 12).muli(255).addi(3);
        features.getColumn(5).assign(7);
        DataSet data = new DataSet(features, numbered(37).getLabels());
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(data);
        for (double p : new double[] {0, 0.5}) {
            for (boolean reuse : new boolean[] {false, true}) {
                MiniBatchIterator java = MiniBatchIterator.builder(data).batchSize(10).shuffle(4).reuseBatchMemory(reuse)
                        .transform(Augmentations.chain(List.of(new HorizontalFlipTransform(p, 8, 1, 3, 4)), 12)).build();
                java.setPreProcessor(normalizer);
                MiniBatchIterator flipsOnly = MiniBatchIterator.builder(data).batchSize(10).shuffle(4)
                        .transform(Augmentations.chain(List.of(new HorizontalFlipTransform(p, 8, 1, 3, 4)), 12)).build();
                int batches = 0;
                while (java.hasNext()) {
                    DataSet expected = flipsOnly.next();
                    normalizer.preProcess(expected);
                    assertArrayEquals(expected.getFeatures().toFloatMatrix(), java.next().getFeatures().toFloatMatrix(),
                            "p " + p + ", reuse " + reuse + ", batch " + batches);
                    batches++;
                }
                assertEquals(4, batches);
            }
        }
    }

    private static List<org.datavec.api.transform.Transform> pipeline() {
        return List.of(new HorizontalFlipTransform(0.5, 11, 1, 3, 4),
                new org.repro4j.data.augment.GaussianNoiseTransform(0.1, 12),
                new org.datavec.api.transform.ndarray.NDArrayScalarOpTransform(Augmentations.FEATURES,
                        org.datavec.api.transform.MathOp.Multiply, 2.0),
                new org.repro4j.data.augment.SaltPepperTransform(0.2, 13));
    }

    @Test
    void transformedShuffledEpochsAreReproducible() {
        TransformProcess a = Augmentations.chain(List.of(new HorizontalFlipTransform(0.5, 9, 1, 1, 4)), 4);
        TransformProcess b = Augmentations.chain(List.of(new HorizontalFlipTransform(0.5, 9, 1, 1, 4)), 4);
        MiniBatchIterator first = MiniBatchIterator.builder(numbered(20)).batchSize(8).shuffle(2).transform(a).build();
        MiniBatchIterator second = MiniBatchIterator.builder(numbered(20)).batchSize(8).shuffle(2).transform(b).build();
        int flippedRows = 0;
        while (first.hasNext()) {
            INDArray x = first.next().getFeatures();
            assertEquals(x, second.next().getFeatures());
            for (int r = 0; r < x.rows(); r++) {
                flippedRows += x.getDouble(r, 0) > x.getDouble(r, 3) ? 1 : 0;
            }
        }
        assertNotEquals(0, flippedRows);
        assertNotEquals(20, flippedRows);
    }

    @Test
    void reusingBatchMemoryGivesTheSameBatchesInOneBuffer() {
        DataSet data = numbered(23);
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(data);
        for (boolean shuffle : new boolean[] {false, true}) {
            MiniBatchIterator fresh = iterator(data, shuffle, false);
            MiniBatchIterator reusing = iterator(data, shuffle, true);
            fresh.setPreProcessor(normalizer);
            reusing.setPreProcessor(normalizer);
            for (int epoch = 0; epoch < 2; epoch++) {
                INDArray previous = null;
                while (fresh.hasNext()) {
                    DataSet expected = fresh.next();
                    DataSet actual = reusing.next();
                    assertEquals(expected.getFeatures(), actual.getFeatures());
                    assertEquals(expected.getLabels(), actual.getLabels());
                    if (previous != null) {
                        assertEquals(previous.data().address(), actual.getFeatures().data().address(), "one buffer");
                    }
                    previous = actual.getFeatures();
                }
                assertFalse(reusing.hasNext());
                fresh.reset();
                reusing.reset();
            }
        }
        assertEquals(numbered(23).getFeatures(), data.getFeatures());
    }

    /** Dense sources are copied with memcpy (RowCopy), others with ND4J ops: both give the same batches. */
    @Test
    void columnMajorSourceGivesTheSameBatchesAsItsDenseCopy() {
        DataSet dense = numbered(23);
        DataSet columnMajor = new DataSet(dense.getFeatures().dup('f'), dense.getLabels().dup('f'));
        assertEquals(null, RowCopy.between(columnMajor.getFeatures(), Nd4j.create(DataType.FLOAT, 5, 4)));
        for (boolean shuffle : new boolean[] {false, true}) {
            for (boolean reuse : new boolean[] {false, true}) {
                MiniBatchIterator.Builder a = MiniBatchIterator.builder(dense).batchSize(5).reuseBatchMemory(reuse);
                MiniBatchIterator.Builder b = MiniBatchIterator.builder(columnMajor).batchSize(5).reuseBatchMemory(reuse);
                List<int[]> expected = epochIds((shuffle ? a.shuffle(3) : a).build());
                List<int[]> actual = epochIds((shuffle ? b.shuffle(3) : b).build());
                assertArrayEquals(flatten(expected), flatten(actual), "shuffle " + shuffle + ", reuse " + reuse);
            }
        }
    }

    private static MiniBatchIterator iterator(DataSet data, boolean shuffle, boolean reuse) {
        TransformProcess flip = Augmentations.chain(List.of(new HorizontalFlipTransform(0.5, 4, 1, 2, 2)), 4);
        MiniBatchIterator.Builder builder = MiniBatchIterator.builder(data).batchSize(5).transform(flip)
                .reuseBatchMemory(reuse);
        return (shuffle ? builder.shuffle(8) : builder).build();
    }

    @Test
    void reportsItsShape() {
        MiniBatchIterator it = MiniBatchIterator.builder(numbered(10)).batchSize(4).build();
        assertEquals(4, it.inputColumns());
        assertEquals(3, it.totalOutcomes());
        assertEquals(4, it.batch());
        assertEquals(10, it.numExamples());
        assertTrue(it.resetSupported());
        assertFalse(it.asyncSupported());
        assertArrayEquals(new int[] {0, 1}, ids(it.next(2)));
    }

    @Test
    void badSettingsAreUserErrors() {
        assertThrows(ReproException.class, () -> MiniBatchIterator.builder(numbered(10)).build());
        assertThrows(ReproException.class,
                () -> MiniBatchIterator.builder(numbered(10)).batchSize(11).dropLast(true).build());
        TransformProcess wrongWidth = Augmentations.chain(List.of(), 5);
        ReproException e = assertThrows(ReproException.class,
                () -> MiniBatchIterator.builder(numbered(10)).batchSize(2).transform(wrongWidth).build());
        assertTrue(e.getMessage().contains("Augmentations.chain(transforms, 4)"), e.getMessage());
    }
}
