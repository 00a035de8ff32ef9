package org.repro4j.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.TestData;
import org.repro4j.report.MetricRow;
import org.repro4j.report.MetricsCsv;
import org.repro4j.report.Summary;
import org.repro4j.spec.DataSpec;
import org.repro4j.spec.ResolvedExperiment;
import org.repro4j.spec.SpecLoader;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run plans every experiment's trials first, trains a shared one once, and each experiment shows the curves it asked for. */
class RunPlanTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path tmp;

    private Path experiments() throws IOException {
        Path experiments = Files.createDirectories(tmp.resolve("experiments"));
        for (String id : List.of("dd2424-hagglund-ce", "dd2424-hagglund-best")) {
            Files.copy(Path.of("experiments/" + id + ".yaml"), experiments.resolve(id + ".yaml"));
        }
        Files.writeString(experiments.resolve("table.yaml"), "extends: dd2424-hagglund-best\nid: table\nfigures: []\n");
        Files.writeString(experiments.resolve("figure.yaml"), """
                extends: dd2424-hagglund-best
                id: figure
                figures: [curves]
                reference: {measures: {}}
                """);
        return experiments;
    }

    private static Map<String, Double> measures(Path out) {
        Map<String, Double> m = new LinkedHashMap<>();
        Summary.read(out.resolve("summary.json")).measures().forEach((k, v) -> m.put(k, v.measured()));
        return m;
    }

    @Test
    void aTrialTwoExperimentsShareTrainsOnceWithTheCurvesBothAskForAndTheCurvesChangeNoMeasure() throws IOException {
        Path experiments = experiments();
        RunOptions options = new RunOptions(experiments, TestData.requireCifar(), tmp.resolve("results"), true, null, QUIET, true, 2);
        List<ResolvedExperiment> both = List.of(SpecLoader.resolve(experiments.resolve("table.yaml")),
                SpecLoader.resolve(experiments.resolve("figure.yaml")));
        Map<String, Path> out = new LinkedHashMap<>();
        try (RunPlan plan = RunPlan.of(both, options)) {
            for (ResolvedExperiment e : plan.assemblyOrder()) {
                out.put(e.id(), ExperimentRunner.run(e, options, plan).folder());
            }
        }
        List<Path> stored;
        try (Stream<Path> entries = Files.list(tmp.resolve("target/trials"))) {
            stored = entries.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
        assertEquals(1, stored.size(), "one trial, trained once");
        assertTrue(Files.readString(stored.get(0).resolve("trial.json")).contains("\"curves\":[\"train\",\"val\"]"));

        List<MetricRow> tableRows = MetricsCsv.read(out.get("table").resolve(MetricsCsv.FILE_NAME));
        List<MetricRow> figureRows = MetricsCsv.read(out.get("figure").resolve(MetricsCsv.FILE_NAME));
        assertEquals(List.of(), tableRows, "the table draws no curves");
        assertEquals(List.of("train", "val"), figureRows.stream().map(MetricRow::split).distinct().sorted().toList());
        assertTrue(figureRows.stream().anyMatch(r -> r.step() > 0), "curves after training began");
        assertEquals(measures(out.get("table")), measures(out.get("figure")));
        assertTrue(Files.isRegularFile(out.get("figure").resolve("curves.png")));

        // The table alone measures no curves while it trains; its measures are the same bit for bit.
        RunOptions alone = new RunOptions(experiments, TestData.requireCifar(), tmp.resolve("alone"), true, null, QUIET);
        Path table = ExperimentRunner.run(both.get(0), alone);
        assertEquals(measures(out.get("table")), measures(table));
    }

    @Test
    void trialsStartGroupedByTheirSplitsLongestFirstWithLargeAndSmallSplitsAlternating() {
        List<Trial> trials = new ArrayList<>();
        for (String id : List.of("vu-e3", "dd2424-abadi-t1", "dd2424-hagglund-ce", "dd2424-bonus-t2", "dd2424-hagglund-long",
                "tdt-t3-softmax", "dd2424-bonus-t1")) {
            ResolvedExperiment e = SpecLoader.resolve(Path.of("experiments", id + ".yaml"));
            TrainExperiment.plan(e, e.spec().seeds(), false).forEach(t -> trials.add(t.trial()));
        }
        List<Cohort> cohorts = RunPlan.order(trials);
        List<Trial> ordered = cohorts.stream().flatMap(c -> c.trials().stream()).toList();
        assertEquals(trials.size(), ordered.size());
        assertTrue(ordered.containsAll(trials));

        List<List<Object>> groups = new ArrayList<>();
        for (Trial t : ordered) {
            List<Object> key = List.of(t.data(), TrialRunner.form(t.training()));
            if (groups.isEmpty() || !groups.get(groups.size() - 1).equals(key)) {
                assertFalse(groups.contains(key), "a group's trials start one after another: " + key);
                groups.add(key);
            }
        }
        // cifar-all-1k in pixel scale (bonus-t2, flips), cifar-all-1k normalised (bonus-t1), cifar-all-5k
        // (abadi-t1), cifar-b1 (hagglund-ce and -long), mnist-vu (vu-e3), mnist-tdt (tdt-t3).
        assertEquals(6, groups.size());
        List<Boolean> large = new ArrayList<>();
        for (List<Object> g : groups) {
            DataSpec data = (DataSpec) g.get(0);
            large.add(data.protocol().toString().startsWith("cifar-all"));
        }
        // Three large and three small groups alternate, the large one with the most work (bonus-t2's flips) first.
        assertEquals(List.of(true, false, true, false, true, false), large);
        assertEquals("cifar-all-1k", ((DataSpec) groups.get(0).get(0)).protocol().toString());
        assertFalse(ordered.get(0).training().augment().isEmpty(), "bonus-t2 augments");
        // Within cifar-b1, the 500-epoch training of hagglund-long starts before hagglund-ce's 40-epoch ones.
        List<Trial> b1 = ordered.stream().filter(t -> t.data().protocol().toString().equals("cifar-b1")).toList();
        assertEquals(500, b1.get(0).training().epochs());
    }
}
