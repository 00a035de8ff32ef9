package org.repro4j.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.repro4j.spec.Engine;
import org.repro4j.train.Timing;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.repro4j.train.LeanSgdStep;

/**
 * One training step of each case with each engine: {@code fit} is
 * {@code MultiLayerNetwork.fit(DataSet)}, {@code lean} is {@link LeanSgdStep#step}, each on its
 * own network, cycling through a pool of pre-built batches (random pixels in [0, 1), random
 * one-hot labels) so no data loading is timed.
 */
final class StepBench {
    /** Batches in the pool: enough that one example is not always in cache, few enough to build fast. */
    private static final int POOL_EXAMPLES = 800;

    private StepBench() {
    }

    /** Per case id, per engine name. */
    static Map<String, Map<String, Timing>> run(List<BenchCase> cases, Budget budget) {
        Map<String, Map<String, Timing>> out = new LinkedHashMap<>();
        for (BenchCase c : cases) {
            List<DataSet> pool = pool(c);
            MultiLayerNetwork fitNet = c.newNetwork(1);
            MultiLayerNetwork leanNet = c.newNetwork(1);
            LeanSgdStep lean = new LeanSgdStep(leanNet);
            Map<String, Runnable> engines = new LinkedHashMap<>();
            engines.put(Engine.FIT.toString(), cycling(pool, fitNet::fit));
            engines.put(Engine.LEAN.toString(), cycling(pool, b -> lean.step(b.getFeatures(), b.getLabels())));
            boolean single = c.batchSize() == 1;
            StepTimer timer = new StepTimer(single ? budget.warmupSteps() : budget.warmupSteps() / 5,
                    budget.rounds(), single ? budget.stepsPerRound() : budget.stepsPerRound() / 5);
            out.put(c.name(), timer.time(engines));
        }
        return out;
    }

    private static Runnable cycling(List<DataSet> pool, java.util.function.Consumer<DataSet> step) {
        int[] next = {0};
        return () -> {
            step.accept(pool.get(next[0]));
            next[0] = (next[0] + 1) % pool.size();
        };
    }

    private static List<DataSet> pool(BenchCase c) {
        Nd4j.getRandom().setSeed(3);
        Random random = new Random(3);
        int batches = Math.max(1, POOL_EXAMPLES / c.batchSize());
        java.util.List<DataSet> pool = new java.util.ArrayList<>();
        for (int b = 0; b < batches; b++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, c.batchSize(), c.inputs());
            INDArray y = Nd4j.zeros(DataType.FLOAT, c.batchSize(), c.outputs());
            for (int i = 0; i < c.batchSize(); i++) {
                y.putScalar(i, random.nextInt(c.outputs()), 1.0);
            }
            pool.add(new DataSet(x, y));
        }
        return pool;
    }
}
