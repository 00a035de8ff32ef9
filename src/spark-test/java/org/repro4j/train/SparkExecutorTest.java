package org.repro4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.TestData;
import org.repro4j.data.Splits;
import org.repro4j.data.SplitsStore;
import org.repro4j.spec.ResolvedExperiment;
import org.repro4j.spec.SpecLoader;

/**
 * Trials trained on a Spark standalone cluster (a master and a worker JVM on 127.0.0.1, two task
 * slots) give, bit for bit, what the local executor gives: QUICK trials of a multi-seed experiment,
 * trained as cohorts, and augmenting ones on another protocol.
 */
@Tag("spark")
class SparkExecutorTest {
    @TempDir
    Path folder;

    @Test
    void aStandaloneClusterTrainsWhatTheLocalExecutorTrains() throws Exception {
        Path data = TestData.requireCifar();
        List<Trial> trials = new ArrayList<>(trials("dd2424-abadi-t1", 2));
        trials.addAll(trials("dd2424-bonus-t2", 1));
        List<Cohort> cohorts = Cohort.form(trials);
        assertTrue(cohorts.size() < trials.size(), "some trials train as a cohort: " + cohorts.size() + " cohorts");

        SplitsStore store = new SplitsStore(Long.MAX_VALUE);
        Function<Cohort, Splits> splits = c -> store.acquire(c.first().data(), data, true,
                TrialRunner.form(c.first().training())).splits();
        Map<String, TrialResult> local;
        try (LocalExecutor executor = new LocalExecutor(2)) {
            local = train(executor, cohorts, splits);
        }

        Map<String, TrialResult> spark;
        try (SparkCluster cluster = new SparkCluster(folder, 2)) {
            RunOptions options = new RunOptions(Path.of("experiments"), data, folder.resolve("results"), true, null, System.out,
                    false, 1, new TrialExecutors.Choice("spark", cluster.url()));
            try (TrialExecutor executor = TrialExecutors.create(options)) {
                assertEquals(SparkExecutor.class, executor.getClass());
                spark = train(executor, cohorts, c -> {
                    throw new AssertionError("the driver loads no data for the cluster's trials");
                });
            }
        }

        assertEquals(local.keySet(), spark.keySet());
        for (String hash : local.keySet()) {
            TrialResult a = local.get(hash);
            TrialResult b = spark.get(hash);
            assertEquals(a.measures(), b.measures(), "trial " + hash);
            assertEquals(LocalExecutorTest.withoutWallTime(a.rows()), LocalExecutorTest.withoutWallTime(b.rows()), "trial " + hash);
            assertArrayEquals(a.firstLayerWeights().values(), b.firstLayerWeights().values(), "trial " + hash);
        }
    }

    /** The QUICK trials of an experiment's settings for its first {@code seeds} seeds. */
    private static List<Trial> trials(String id, int seeds) {
        ResolvedExperiment e = SpecLoader.resolve(Path.of("experiments", id + ".yaml"));
        List<Trial> trials = new ArrayList<>();
        for (long seed : e.spec().seeds().subList(0, seeds)) {
            for (ResolvedExperiment.Setting s : e.settings()) {
                trials.add(Trial.of(s.spec(), seed, true, Trial.Evaluation.EXPERIMENT));
            }
        }
        return trials;
    }

    private static Map<String, TrialResult> train(TrialExecutor executor, List<Cohort> cohorts, Function<Cohort, Splits> splits) {
        Iterator<Cohort> queue = cohorts.iterator();
        Map<String, TrialResult> results = new LinkedHashMap<>();
        executor.run(() -> queue.hasNext() ? queue.next() : null, splits, () -> {
        }, (trial, result, seconds) -> results.put(trial.sha256(), result));
        return results;
    }
}
