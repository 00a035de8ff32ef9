package org.repro4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.repro4j.data.augment.Augmentations;
import org.repro4j.data.augment.GaussianNoiseTransform;
import org.repro4j.data.augment.HorizontalFlipTransform;
import org.repro4j.data.augment.SaltPepperTransform;

/**
 * Epoch times of the iterator at DD2424 scale (45,000 x 3072 floats, batch 100). Prints its
 * timings to the surefire output file; run with
 * {@code mvn test -Dtest=MiniBatchIteratorSpeedTest -Dtest.excludedGroups=}.
 */
@Tag("full")
class MiniBatchIteratorSpeedTest {
    private static final int N = 45_000;
    private static final int D = 3072;
    private static final int BATCH = 100;

    @Test
    void epochTimes() {
        INDArray features = Nd4j.rand(DataType.FLOAT, N, D);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, N, 10);
        for (int i = 0; i < N; i++) {
            labels.putScalar(i, i % 10, 1);
        }
        DataSet data = new DataSet(features, labels);
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(data);

        time("in order", () -> MiniBatchIterator.builder(data).batchSize(BATCH).build());
        time("shuffled", () -> MiniBatchIterator.builder(data).batchSize(BATCH).shuffle(1).build());
        time("in order + z-score", () -> withNormalizer(MiniBatchIterator.builder(data).batchSize(BATCH).build(),
                normalizer));
        time("reused memory, in order", () -> MiniBatchIterator.builder(data).batchSize(BATCH)
                .reuseBatchMemory(true).build());
        time("reused memory, shuffled", () -> MiniBatchIterator.builder(data).batchSize(BATCH).shuffle(1)
                .reuseBatchMemory(true).build());
        time("reused memory, + z-score", () -> withNormalizer(MiniBatchIterator.builder(data).batchSize(BATCH)
                .reuseBatchMemory(true).build(), normalizer));
        time("reused, flip p=0.5 + z-score", () -> withNormalizer(MiniBatchIterator.builder(data).batchSize(BATCH)
                .reuseBatchMemory(true)
                .transform(Augmentations.chain(List.of(new HorizontalFlipTransform(0.5, 1, 3, 32, 32)), D))
                .build(), normalizer));
        time("flip p=0.5 + z-score", () -> withNormalizer(MiniBatchIterator.builder(data).batchSize(BATCH)
                .transform(Augmentations.chain(List.of(new HorizontalFlipTransform(0.5, 1, 3, 32, 32)), D))
                .build(), normalizer));
        time("Gaussian noise + z-score", () -> withNormalizer(MiniBatchIterator.builder(data).batchSize(BATCH)
                .transform(Augmentations.chain(List.of(new GaussianNoiseTransform(0.01, 1)), D))
                .build(), normalizer));
        time("salt & pepper + z-score", () -> withNormalizer(MiniBatchIterator.builder(data).batchSize(BATCH)
                .transform(Augmentations.chain(List.of(new SaltPepperTransform(0.05, 1)), D))
                .build(), normalizer));
    }

    private static MiniBatchIterator withNormalizer(MiniBatchIterator it, NormalizerStandardize normalizer) {
        it.setPreProcessor(normalizer);
        return it;
    }

    /**
     * Best of 3 epochs. Wall time and this thread's CPU time (user + system, which includes the
     * native copies and page faults but not time spent waiting for a core on a busy machine).
     */
    private static void time(String what, Supplier<MiniBatchIterator> iterators) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double bestWall = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        for (int repeat = 0; repeat < 3; repeat++) {
            MiniBatchIterator it = iterators.get();
            long wall = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            int batches = 0;
            while (it.hasNext()) {
                it.next();
                batches++;
            }
            bestCpu = Math.min(bestCpu, (threads.getCurrentThreadCpuTime() - cpu) / 1e9);
            bestWall = Math.min(bestWall, (System.nanoTime() - wall) / 1e9);
            assertEquals(N / BATCH, batches);
        }
        System.out.printf("epoch of %d batches of %d x %d floats, %-30s wall %.3f s (%.2f ms/batch), "
                        + "cpu %.3f s (%.2f ms/batch), load average %.1f%n", N / BATCH, BATCH, D, what + ":",
                bestWall, 1000 * bestWall / (N / BATCH), bestCpu, 1000 * bestCpu / (N / BATCH),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
