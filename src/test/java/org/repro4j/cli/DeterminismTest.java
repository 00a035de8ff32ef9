package org.repro4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.ChildJvm;
import org.repro4j.TestData;
import org.repro4j.report.Measure;
import org.repro4j.report.Summary;

/**
 * A run is a function of its spec and seed, across JVMs: the same QUICK experiment (CIFAR-10 cifar-b1, the
 * training set reshuffled every epoch, random flips and Gaussian noise, a sigmoid hidden layer before the
 * softmax, the lean engine) run by {@code repro run} in two separate JVMs writes the same metrics.csv to the
 * last bit, wall-clock time aside (the second with {@code --no-cache}, so that it trains although the
 * first run is in the trial store); and the comparison can tell: the same spec with another seed differs.
 */
class DeterminismTest {
    /** A small spec with every source of randomness the trainer has: init, shuffling, two augmentations. */
    static final String SPEC = """
            id: %s
            title: "Determinism check: shuffled, augmented, one hidden layer"
            report: dd2424-a1-hagglund
            reproduces: "nothing: a test spec"
            description: "A 3072-20-10 network, sigmoid hidden layer, on the QUICK subset of cifar-b1."
            kind: train
            data: {protocol: cifar-b1}
            network:
              inputs: 3072
              weight_init: {distribution: normal, std: 0.05}
              layers:
                - {type: dense, units: 20, activation: sigmoid}
                - {type: output, units: 10, activation: softmax, loss: mcxent}
            training:
              engine: lean
              learning_rate: 0.2
              l2: {lambda: 0.001}
              batch_size: 100
              epochs: 2
              shuffle: true
              augment:
                - {type: flip, p: 0.5}
                - {type: gaussian, std: 0.02}
            measure:
              every_steps: 5
            seeds: [%d]
            figures: [curves]
            """;

    /** The columns of metrics.csv as this test reads them; wall_s, the last, is wall-clock time. */
    private static final List<String> COLUMNS =
            List.of("setting", "seed", "epoch", "step", "split", "loss", "cost", "accuracy", "learning_rate", "wall_s");

    @TempDir
    Path tmp;

    @Test
    void twoJvmsWriteTheSameMetricsAndAnotherSeedDoesNot() throws IOException {
        TestData.requireCifar();
        Path home = tmp.resolve("home");
        Path first = run(home, "first", 1);
        // The same project folder, so the trial store holds the first run: --no-cache must train it again.
        Path second = run(home, "second", 1, "--no-cache");
        Path otherSeed = run(tmp.resolve("other-home"), "other-seed", 2);

        List<List<String>> a = rows(first);
        List<List<String>> b = rows(second);
        assertTrue(a.size() >= 2 * (2 * 20 / 5), "a row per split every 5 steps of 2 x 20 steps: " + a.size());
        assertTrue(a.stream().anyMatch(r -> r.get(4).equals("val")), "validation rows too");
        assertEquals(withoutWallTime(a), withoutWallTime(b), "metrics.csv of two JVMs, wall_s aside");
        assertEquals(measures(first), measures(second), "summary.json measures of two JVMs");

        List<List<String>> c = rows(otherSeed);
        assertEquals(a.size(), c.size(), "the same schedule of rows");
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).subList(2, 5), c.get(i).subList(2, 5), "same epoch, step and split");
        }
        // Seed 2 changes the initial weights, the batch order and the augmentations: every measured value moves.
        List<List<String>> valuesA = values(a);
        List<List<String>> valuesC = values(c);
        for (int i = 0; i < a.size(); i++) {
            assertNotEquals(valuesA.get(i).get(0), valuesC.get(i).get(0), "loss of row " + i + " with seed 2");
        }

        // The control for "trained, not taken from the cache" above: without --no-cache the cache is used.
        ChildJvm.Result cached = ChildJvm.withHome(home).repro(runArgs(home, "cached"));
        assertEquals(0, cached.exitCode(), cached.describe());
        assertTrue(cached.out().contains(FROM_CACHE), "the trial store serves a repeated run:\n" + cached.describe());
    }

    /** What {@code repro run} prints when it loads a run from the cache instead of training it. */
    private static final String FROM_CACHE = "taken from the trial store";

    /** {@code repro run det --quick --results <home>/<results> <extra>} in a child JVM whose home holds the spec. */
    private Path run(Path home, String results, long seed, String... extra) throws IOException {
        Path experiments = Files.createDirectories(home.resolve("experiments"));
        Files.writeString(experiments.resolve("det.yaml"), SPEC.formatted("det", seed));
        List<String> args = new ArrayList<>(List.of(runArgs(home, results)));
        args.addAll(List.of(extra));
        ChildJvm.Result r = ChildJvm.withHome(home).repro(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.describe());
        assertFalse(r.out().contains(FROM_CACHE), "trained, not taken from the trial store:\n" + r.describe());
        return home.resolve(results).resolve("det");
    }

    private static String[] runArgs(Path home, String results) {
        return new String[] {"run", "det", "--quick", "--results", home.resolve(results).toString()};
    }

    private static List<List<String>> rows(Path results) throws IOException {
        List<String> lines = Files.readAllLines(results.resolve("metrics.csv"));
        assertEquals(String.join(",", COLUMNS), lines.get(0), "metrics.csv header");
        return lines.stream().skip(1).map(l -> Arrays.asList(l.split(",", -1))).peek(r ->
                assertEquals(COLUMNS.size(), r.size(), "fields of " + r)).toList();
    }

    private static List<List<String>> withoutWallTime(List<List<String>> rows) {
        return rows.stream().map(r -> r.subList(0, COLUMNS.indexOf("wall_s"))).toList();
    }

    /** loss, cost, accuracy: the measured values, without the seed column. */
    private static List<List<String>> values(List<List<String>> rows) {
        return rows.stream().map(r -> r.subList(COLUMNS.indexOf("loss"), COLUMNS.indexOf("learning_rate"))).toList();
    }

    /** Every measure of summary.json as its exact double; provenance (wall time, date) is left out. */
    private static Map<String, Double> measures(Path results) {
        Map<String, Double> out = new TreeMap<>();
        Map<String, Measure> m = Summary.read(results.resolve(Summary.FILE_NAME)).measures();
        m.forEach((k, v) -> out.put(k, v.measured()));
        assertFalse(out.isEmpty(), "no measures in " + results);
        return out;
    }
}
