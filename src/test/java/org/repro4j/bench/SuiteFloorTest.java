package org.repro4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.report.MetricRow;
import org.repro4j.report.MetricsCsv;
import org.repro4j.report.Provenance;
import org.repro4j.report.Summary;

/**
 * The suite's arithmetic counted by hand for a small network on the synthetic data (60,000 train and
 * 10,000 validation points, no test split), and a second experiment that only reuses a trial, whose
 * curves it asked for are counted with the trial.
 */
class SuiteFloorTest {
    @TempDir
    Path home;

    private static final String SPEC = """
            id: a
            title: A small network
            report: vu-dl-a1-tan
            reproduces: a test
            description: Two inputs, three sigmoid units, two softmax outputs.
            kind: train
            data: {protocol: synthetic-ellipse, seed: 1}
            network:
              inputs: 2
              weight_init: {distribution: normal, std: 1.0}
              layers:
                - {type: dense, units: 3, activation: sigmoid}
                - {type: output, units: 2, activation: softmax, loss: mcxent}
            training: {learning_rate: 0.01, batch_size: 10, epochs: 3}
            seeds: [1, 2]
            figures: []
            """;

    private void results(String id, List<Long> seeds, Map<String, String> trials, double steps, double wall,
            List<MetricRow> rows) throws IOException {
        Path dir = Files.createDirectories(home.resolve("results").resolve(id));
        Summary s = new Summary(id, "t", "r", "x");
        s.measure("steps", steps, null, seeds.size(), null, null, null);
        s.provenance(new Provenance("00", seeds, "b", "BLAS", Map.of(), null, null, "v", "17", "j", "os", "amd64", "cpu", 2,
                null, null, wall, "2026-01-01T00:00:00Z", List.of(), new Provenance.Recipe("c", "full", Map.of(), trials)));
        s.write(dir.resolve(Summary.FILE_NAME));
        try (MetricsCsv csv = MetricsCsv.create(dir.resolve(MetricsCsv.FILE_NAME))) {
            rows.forEach(csv::row);
        }
    }

    private static MetricRow row(long seed, String split, long step) {
        return new MetricRow("", seed, 0, step, split, 0.5, 0.5, 0.5, 0.01, 0);
    }

    @Test
    void countsTrainingAndEvaluationOfEachTrialOnce() throws IOException {
        Path experiments = Files.createDirectories(home.resolve("experiments"));
        Files.writeString(experiments.resolve("a.yaml"), SPEC);
        Files.writeString(experiments.resolve("b.yaml"), "extends: a\nid: b\nseeds: [1]\n");
        // 15,000 steps per seed: two epochs of 6,000 batches of 10, and 3,000 batches of the third (it stopped).
        results("a", List.of(1L, 2L), Map.of("seed 1", "h1", "seed 2", "h2"), 15_000, 40.0, List.of(
                row(1, "val", 0), row(1, "val", 6_000), row(1, "val", 12_000), row(1, "train", 0),
                row(1, "train_running", 6_000), row(1, "train_running", 12_000), row(2, "val", 0)));
        // b shows a curve point of a's first trial that a does not list (the trial measured it for b), and one a lists too.
        results("b", List.of(1L), Map.of("seed 1", "h1"), 15_000, 0.5, List.of(row(1, "train", 6_000), row(1, "val", 6_000)));

        SuiteFloor suite = SuiteFloor.count(experiments, home.resolve("results"), home.resolve("no-data-needed"), 1.0, 2);

        SuiteFloor.Row a = suite.rows().get(0);
        assertEquals("a", a.id());
        assertEquals(2, a.trials());
        // Per example: layer 1 (2x3) forward and weight gradient, layer 2 (3x2) those and the input gradient:
        // 2*6*2 + 2*6*3 = 60 FLOPs; per seed 2*60,000 + 3,000*10 = 150,000 examples.
        assertEquals(2 * 150_000 * 60 / 1e9, a.trainGflop(), 1e-15);
        // Forward: 2*(6 + 6) = 24 FLOPs an example. Each seed: untrained and final passes over train and val
        // (2 * 70,000); seed 1's distinct curve points in a and b: 3 val and 2 train passes (150,000); seed 2's: one
        // val pass (10,000).
        assertEquals((2 * 140_000 + 150_000 + 10_000) * 24 / 1e9, a.evalGflop(), 1e-15);
        assertEquals(40.0, a.measuredSeconds());
        assertEquals(a.trainGflop() + a.evalGflop(), suite.floorSeconds(a.gflop()), 1e-15, "at 1 GFLOP/s on one core");

        SuiteFloor.Row b = suite.rows().get(1);
        assertEquals(new SuiteFloor.Row("b", 0, 0, 0, 0.5), b, "its one trial was a's: nothing trained, nothing counted");
    }
}
