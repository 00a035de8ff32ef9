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
import org.repro4j.search.SearchOptions;
import org.repro4j.search.SearchRunner;
import org.repro4j.spec.ResolvedExperiment;
import org.repro4j.spec.SpecLoader;

/**
 * Trials trained on a Spark standalone cluster (a master and a worker JVM on 127.0.0.1, two task
 * slots) give, bit for bit, what the local executor gives: QUICK trials of a multi-seed experiment,
 * trained as cohorts, augmenting ones on another protocol, and a QUICK search's candidates.
 */
@Tag("spark")
class SparkExecutorTest {
    @TempDir
    Path folder;

    @Test
    void aStandaloneClusterTrainsWhatTheLocalExecutorTrains() throws Exception {
        Path data = TestData.requireCifar();
        TestData.requireMnist();
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

        List<Path> searches = List.of(Path.of("experiments/search/dd2424-bonus-grid.yaml"),
                Path.of("experiments/search/tdt-softmax-random.yaml"));
        List<Path> localSearches = new ArrayList<>();
        for (Path search : searches) {
            localSearches.add(SearchRunner.run(search, new SearchOptions(TestData.dir(), folder.resolve("local-search"), true, true,
                    System.out)));
        }

        Map<String, TrialResult> spark;
        List<Path> clusterSearches = new ArrayList<>();
        try (SparkCluster cluster = new SparkCluster(folder, 2)) {
            TrialExecutors.Choice choice = new TrialExecutors.Choice("spark", cluster.url());
            RunOptions options = new RunOptions(Path.of("experiments"), data, folder.resolve("results"), true, null, System.out,
                    false, 1, choice);
            try (TrialExecutor executor = TrialExecutors.create(options)) {
                assertEquals(SparkExecutor.class, executor.getClass());
                spark = train(executor, cohorts, c -> {
                    throw new AssertionError("the driver loads no data for the cluster's trials");
                });
            }
            for (Path search : searches) {
                clusterSearches.add(SearchRunner.run(search, new SearchOptions(TestData.dir(), folder.resolve("cluster-search"), true,
                        true, System.out, choice)));
            }
        }
        for (int i = 0; i < searches.size(); i++) {
            assertEquals(withoutSeconds(localSearches.get(i).resolve("candidates.csv")),
                    withoutSeconds(clusterSearches.get(i).resolve("candidates.csv")), "candidates and scores of " + searches.get(i));
            List<String> onCluster = java.nio.file.Files.readAllLines(clusterSearches.get(i).resolve("candidates.csv"));
            assertTrue(onCluster.stream().skip(1).allMatch(line -> line.contains("\"spark spark://127.0.0.1:")),
                    "each candidate says it trained on the cluster: " + onCluster);
        }

        assertEquals(local.keySet(), spark.keySet());
        for (String hash : local.keySet()) {
            TrialResult a = local.get(hash);
            TrialResult b = spark.get(hash);
            assertEquals(a.measures(), b.measures(), "trial " + hash);
            assertEquals(LocalExecutorTest.withoutWallTime(a.rows()), LocalExecutorTest.withoutWallTime(b.rows()), "trial " + hash);
            assertArrayEquals(a.firstLayerWeights().values(), b.firstLayerWeights().values(), "trial " + hash);
            assertTrue(b.trainedOn().startsWith("spark spark://127.0.0.1:"), b.trainedOn());
        }
    }

    /** A cluster without a worker fails the run after the executor wait, naming the fix, instead of waiting for ever. */
    @Test
    void aClusterWithoutWorkersFailsAfterTheWait() throws Exception {
        Path data = TestData.requireCifar();
        List<Cohort> cohorts = Cohort.form(trials("dd2424-abadi-t1", 1));
        try (SparkCluster cluster = new SparkCluster(folder, 0)) {
            RunOptions options = new RunOptions(Path.of("experiments"), data, folder.resolve("results"), true, null, System.out,
                    false, 1, new TrialExecutors.Choice("spark", cluster.url()));
            long start = System.nanoTime();
            try (SparkExecutor executor = new SparkExecutor(options.executor(), data, true, java.time.Duration.ofSeconds(5))) {
                org.repro4j.ReproException e = org.junit.jupiter.api.Assertions.assertThrows(org.repro4j.ReproException.class,
                        () -> train(executor, cohorts, c -> {
                            throw new AssertionError("no data in the driver");
                        }));
                assertTrue(e.getMessage().contains("had no executor for 5 s"), e.getMessage());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds < 60, "it failed after " + seconds + " s");
        }
    }

    /**
     * A worker killed while candidates train on it (its executor too, at once) loses no candidate: once a
     * new worker joins, Spark trains the lost tasks again, and the search ends with the candidates and
     * scores of a local run.
     */
    @Test
    void aWorkerKilledMidSearchLosesNoCandidate() throws Exception {
        TestData.requireMnist();
        Path search = Path.of("experiments/search/tdt-softmax-random.yaml");
        Path local = SearchRunner.run(search, new SearchOptions(TestData.dir(), folder.resolve("local-search"), false, true, System.out));

        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        java.io.PrintStream both = new java.io.PrintStream(new org.apache.commons.io.output.TeeOutputStream(System.out, log), true);
        try (SparkCluster cluster = new SparkCluster(folder, 2)) {
            SearchOptions options = new SearchOptions(TestData.dir(), folder.resolve("cluster-search"), false, true, both,
                    new TrialExecutors.Choice("spark", cluster.url()));
            java.util.concurrent.CompletableFuture<Path> done = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> SearchRunner.run(search, options));
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (!log.toString().contains("[4/24]") && System.nanoTime() < deadline && !done.isDone()) {
                Thread.sleep(50);
            }
            assertTrue(log.toString().contains("[4/24]") && !done.isDone(), "four candidates recorded, the search still running");
            cluster.killWorker();
            Thread.sleep(3000);
            cluster.startWorker(2);
            Path onCluster = done.get(180, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(withoutSeconds(local.resolve("candidates.csv")), withoutSeconds(onCluster.resolve("candidates.csv")));
        }
    }

    /** The lines of a candidates.csv without its seconds (a wall time) and trained_on (the place) columns. */
    private static List<String> withoutSeconds(Path csv) throws java.io.IOException {
        List<String> lines = java.nio.file.Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).replace("\"", "").split(","));
        int seconds = header.indexOf("seconds");
        int place = header.indexOf("trained_on");
        assertTrue(seconds >= 0 && place > seconds, "seconds and trained_on columns in " + lines.get(0));
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(place);
            cells.remove(seconds);
            kept.add(String.join(",", cells));
        }
        assertTrue(kept.size() > 1, "candidates in " + csv);
        return kept;
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
