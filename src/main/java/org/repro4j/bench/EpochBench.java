package org.repro4j.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.repro4j.spec.Engine;
import org.repro4j.spec.Protocol;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.repro4j.data.MiniBatchIterator;
import org.repro4j.data.ProtocolOptions;
import org.repro4j.data.Splits;
import org.repro4j.data.Protocols;
import org.repro4j.train.TrainingEngine;

/**
 * Whole training epochs on the real data, through the path {@code TrainExperiment} takes: the
 * protocol's training split, a {@link MiniBatchIterator} reusing its batch memory, a listener
 * called after every step, and {@link TrainingEngine#fitEpoch} of the named engine.
 */
final class EpochBench {
    private final Path dataDir;
    private final int maxExamples;
    private final Map<Protocol, Splits> trainSplits = new HashMap<>();

    /** @param maxExamples cut each training split to this many examples (QUICK runs); 0 for all */
    EpochBench(Path dataDir, int maxExamples) {
        this.dataDir = dataDir;
        this.maxExamples = maxExamples;
    }

    /** Median wall time of {@code repeats} epochs of {@code engine}, each on a network trained by the epochs before. */
    EpochTiming time(BenchCase c, Engine engine, int repeats) {
        Splits data = train(c.protocol());
        DataSet train = data.train();
        MultiLayerNetwork net = c.newNetwork(1);
        long[] steps = {0};
        net.setListeners(new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                steps[0]++;
            }
        });
        MiniBatchIterator batches = MiniBatchIterator.builder(train).batchSize(c.batchSize())
                .reuseBatchMemory(true).build();
        TrainingEngine trainer = TrainingEngine.of(engine, net, false);
        double[] seconds = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            batches.reset();
            long t0 = System.nanoTime();
            trainer.fitEpoch(batches);
            seconds[r] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(seconds);
        return new EpochTiming(train.numExamples(), (int) (steps[0] / repeats), seconds[repeats / 2], repeats);
    }

    private Splits train(Protocol protocol) {
        return trainSplits.computeIfAbsent(protocol, p -> {
            // Normalised once, as the runner holds them for trainings without augmentation.
            Splits s = Protocols.load(p, new ProtocolOptions(dataDir, DataType.FLOAT)).normalizeInPlace();
            DataSet d = s.train();
            if (maxExamples <= 0 || d.numExamples() <= maxExamples) {
                return s;
            }
            return new Splits(new DataSet(d.getFeatures().get(NDArrayIndex.interval(0, maxExamples), NDArrayIndex.all()).dup(),
                    d.getLabels().get(NDArrayIndex.interval(0, maxExamples), NDArrayIndex.all()).dup()), null, null);
        });
    }

    /** One engine's epochs on one case: examples and steps per epoch, median seconds per epoch. */
    record EpochTiming(int examples, int steps, double medianSeconds, int repeats) {
        double stepsPerSecond() {
            return steps / medianSeconds;
        }
    }
}
