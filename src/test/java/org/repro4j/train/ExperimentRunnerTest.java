package org.repro4j.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.ReproException;
import org.repro4j.TestData;
import org.repro4j.report.Summary;
import org.repro4j.spec.SpecLoader;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** QUICK end-to-end runs of the engine's two proving experiments on the real CIFAR-10 data. */
class ExperimentRunnerTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path tmp;

    private RunOptions quick(Path experiments, Path results) {
        return new RunOptions(experiments, TestData.requireCifar(), results, true, null, QUIET);
    }

    @Test
    void hagglundCeWritesEveryFile() throws IOException {
        Path out = ExperimentRunner.run("dd2424-hagglund-ce", quick(Path.of("experiments"), tmp));
        for (String f : List.of("summary.json", "metrics.csv", "README.md", "curves.png",
                "weights-1.png", "weights-2.png", "weights-3.png", "weights-4.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertTrue(Files.isRegularFile(tmp.resolve("README.md")), "results index");
        Summary s = Summary.read(out.resolve("summary.json"));
        assertTrue(s.measures().containsKey("test_acc.lambda=0.1,eta=0.001"));
        assertTrue(s.measures().containsKey("untrained_val_acc.lambda=0,eta=0.1"));
        double acc = s.measures().get("test_acc.lambda=0.1,eta=0.001").measured();
        assertTrue(acc > 0.2 && acc < 0.5, "two QUICK epochs already learn something: " + acc);

        // The result carries its recipe: the resolved spec its hash names, the code, mode, data and trials.
        var recipe = s.provenance().recipe();
        assertEquals(s.provenance().specSha256(), org.repro4j.Sha256.of(out.resolve("spec.json")), "sha256sum spec.json");
        assertEquals("quick", recipe.mode());
        assertTrue(recipe.codeSha256().matches("[0-9a-f]{64}"), recipe.codeSha256());
        // data_batch_1/2 and test_batch of protocol cifar-b1, MD5s as published with CIFAR-10 (shared/data/MD5SUMS.txt).
        assertEquals(java.util.Map.of("cifar-10-batches-bin/data_batch_1.bin", "5dd7e06a14cb22eb9f671a540d1b7c25",
                "cifar-10-batches-bin/data_batch_2.bin", "5ea93a67294ea407fff1d09f752e9692",
                "cifar-10-batches-bin/test_batch.bin", "803d5f7f4d78ea53de84dbe85f74fb6d"), recipe.dataFiles());
        assertEquals(List.of("lambda=0,eta=0.1, seed 1", "lambda=0,eta=0.001, seed 1", "lambda=0.1,eta=0.001, seed 1",
                "lambda=1,eta=0.001, seed 1"), List.copyOf(recipe.trials().keySet()));
        assertEquals(4, new java.util.HashSet<>(recipe.trials().values()).size(), "four different trials");
        assertFalse(s.provenance().jvmOptions().isEmpty());
        assertFalse(hasTempFolders(tmp));
    }

    @Test
    void gradcheckFindsDl4jGradientsRight() throws IOException {
        Path out = ExperimentRunner.run("dd2424-gradcheck", quick(Path.of("experiments"), tmp));
        Summary s = Summary.read(out.resolve("summary.json"));
        assertTrue(s.measures().get("max_abs_diff.W").measured() < 1e-6);
        assertTrue(s.measures().get("max_abs_diff.b").measured() < 1e-6);
        assertEquals(Boolean.TRUE, s.measures().get("max_abs_diff.W").within());
        assertTrue(Files.readString(out.resolve("gradcheck.txt")).contains("0_W"));
        var spec = SpecLoader.resolve(Path.of("experiments/dd2424-gradcheck.yaml"));
        assertEquals(ExperimentKind.of(org.repro4j.spec.Kind.GRADCHECK).measures(spec), s.measures().keySet(),
                "the measures known before the run are the ones it produced");
    }

    @Test
    void sameSeedTwiceGivesIdenticalMetrics() throws IOException {
        Path a = ExperimentRunner.run("dd2424-hagglund-ce", quick(Path.of("experiments"), tmp.resolve("a")));
        Path b = ExperimentRunner.run("dd2424-hagglund-ce", quick(Path.of("experiments"), tmp.resolve("b")));
        assertEquals(withoutWallTime(a.resolve("metrics.csv")), withoutWallTime(b.resolve("metrics.csv")));
    }

    @Test
    void failedRunLeavesPreviousResultsUntouched() throws IOException {
        Path experiments = tmp.resolve("experiments");
        Files.createDirectories(experiments);
        Path spec = experiments.resolve("dd2424-hagglund-ce.yaml");
        Files.copy(Path.of("experiments/dd2424-hagglund-ce.yaml"), spec);
        Path results = tmp.resolve("results");
        Path out = ExperimentRunner.run("dd2424-hagglund-ce", quick(experiments, results));
        String before = Files.readString(out.resolve("summary.json"));

        // A reference to a measure the run never produces fails before any training.
        Files.writeString(spec, Files.readString(spec).replace("    \"untrained_test_acc.lambda=0.1,eta=0.001\"",
                "    \"no_such_measure\": {value: 1}\n    \"untrained_test_acc.lambda=0.1,eta=0.001\""));
        ReproException e = assertThrows(ReproException.class, () -> ExperimentRunner.run("dd2424-hagglund-ce", quick(experiments, results)));
        assertTrue(e.getMessage().contains("no_such_measure"), e.getMessage());
        assertEquals(before, Files.readString(out.resolve("summary.json")));

        assertFalse(hasTempFolders(results));
    }

    @Test
    void resultsAreCurrentUntilTheSpecChangesAndTheStoreCountsTrials() throws IOException {
        Path experiments = tmp.resolve("experiments");
        Files.createDirectories(experiments);
        Path spec = experiments.resolve("dd2424-hagglund-best.yaml");
        Files.copy(Path.of("experiments/dd2424-hagglund-ce.yaml"), experiments.resolve("dd2424-hagglund-ce.yaml"));
        Files.copy(Path.of("experiments/dd2424-hagglund-best.yaml"), spec);
        RunOptions quick = quick(experiments, tmp.resolve("results"));
        RunOptions withStore = new RunOptions(experiments, quick.dataDir(), quick.resultsRoot(), true, null, QUIET, true, 1);
        ExperimentStatus before = ExperimentStatus.of(SpecLoader.resolve(spec), withStore);
        assertEquals(List.of("no results"), before.stale());
        assertEquals(1, before.trials(), "one setting, and QUICK runs the first seed");
        assertEquals(0, before.stored());

        ExperimentRunner.run("dd2424-hagglund-best", withStore);
        ExperimentStatus after = ExperimentStatus.of(SpecLoader.resolve(spec), withStore);
        assertTrue(after.current(), after.stale().toString());
        assertEquals(1, after.stored(), "the trial it trained is in the store");

        // A change in the base spec it extends counts as a change of this experiment, and names another trial.
        Path base = experiments.resolve("dd2424-hagglund-ce.yaml");
        Files.writeString(base, Files.readString(base).replace("std: 0.01}", "std: 0.02}"));
        ExperimentStatus changed = ExperimentStatus.of(SpecLoader.resolve(spec), withStore);
        assertEquals(List.of("spec changed"), changed.stale());
        assertEquals(0, changed.stored());

        // Full results of the same spec are other results: a QUICK result is not current for them.
        RunOptions full = new RunOptions(experiments, quick.dataDir(), quick.resultsRoot(), false, null, QUIET, true, 1);
        Files.writeString(base, Files.readString(base).replace("std: 0.02}", "std: 0.01}"));
        List<String> fullStale = ExperimentStatus.of(SpecLoader.resolve(spec), full).stale();
        assertTrue(fullStale.contains("a quick run"), fullStale.toString());
    }

    @Test
    void aFigureSpecReusesTheRunsOfTheSpecItExtends() throws IOException {
        Path experiments = tmp.resolve("experiments");
        Files.createDirectories(experiments);
        for (String id : List.of("dd2424-hagglund-ce", "dd2424-hagglund-best")) {
            Files.copy(Path.of("experiments/" + id + ".yaml"), experiments.resolve(id + ".yaml"));
        }
        Files.writeString(experiments.resolve("figure.yaml"), """
                extends: dd2424-hagglund-best
                id: figure
                figures: [curves]
                reference: {measures: {}}
                """);
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        RunOptions cached = new RunOptions(experiments, TestData.requireCifar(), tmp.resolve("results"), true, null,
                new PrintStream(log), true, 1);
        Path table = ExperimentRunner.run("dd2424-hagglund-best", cached);
        assertFalse(log.toString().contains("trial store"), "first run trains");
        Path figure = ExperimentRunner.run("figure", cached);
        assertTrue(log.toString().contains("taken from the trial store"), log.toString());
        assertEquals(Summary.read(table.resolve("summary.json")).measures().get("test_acc").measured(),
                Summary.read(figure.resolve("summary.json")).measures().get("test_acc").measured());
        assertEquals(withoutWallTime(table.resolve("metrics.csv")), withoutWallTime(figure.resolve("metrics.csv")));
    }

    /**
     * A setting whose training diverges (eta = 1e4, as a user exploring past the reports' unstable
     * eta = 0.1 might set) is stopped with a note; the other settings, the page and the figures
     * are still written.
     */
    @Test
    void aDivergingSettingIsStoppedAndNotedWhileTheOthersComplete() throws IOException {
        Path experiments = tmp.resolve("experiments");
        Files.createDirectories(experiments);
        String spec = Files.readString(Path.of("experiments/dd2424-hagglund-ce.yaml"));
        String diverging = "{training.l2.lambda: 1, training.learning_rate: 10000}";
        String replaced = spec.replace("{training.l2.lambda: 1, training.learning_rate: 0.001}", diverging);
        assertTrue(replaced.contains(diverging), "the spec still has the lambda=1 setting");
        Files.writeString(experiments.resolve("dd2424-hagglund-ce.yaml"), replaced);
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        Path out = ExperimentRunner.run("dd2424-hagglund-ce", new RunOptions(experiments, TestData.requireCifar(),
                tmp.resolve("results"), true, null, new PrintStream(log)));

        Summary s = Summary.read(out.resolve("summary.json"));
        assertFalse(Double.isFinite(s.measures().get("test_cost.lambda=1,eta=0.001").measured()),
                "the diverged setting's cost is measured as it is");
        for (String setting : List.of("lambda=0,eta=0.001", "lambda=0.1,eta=0.001")) {
            assertTrue(Double.isFinite(s.measures().get("test_cost." + setting).measured()), setting);
        }
        String note = s.deviations().stream().filter(d -> d.contains("diverged at epoch")).findFirst().orElse("");
        assertTrue(note.startsWith("lambda=1,eta=0.001, seed 1: the training diverged at epoch "), s.deviations().toString());
        assertTrue(Files.readString(out.resolve("README.md")).contains("diverged at epoch"), "the page says so");
        assertTrue(log.toString().contains("diverged at epoch"), "and so does the log: " + log);
        for (String f : List.of("curves.png", "weights-4.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
    }

    /** A run reads its spec once, when it is resolved: with the files gone, it still runs. */
    @Test
    void aResolvedExperimentRunsWithoutReadingItsSpecAgain() throws IOException {
        Path experiments = tmp.resolve("experiments");
        Files.createDirectories(experiments);
        for (String id : List.of("dd2424-hagglund-ce", "dd2424-hagglund-best")) {
            Files.copy(Path.of("experiments/" + id + ".yaml"), experiments.resolve(id + ".yaml"));
        }
        var resolved = SpecLoader.resolve(experiments.resolve("dd2424-hagglund-best.yaml"));
        Files.delete(experiments.resolve("dd2424-hagglund-best.yaml"));
        Files.delete(experiments.resolve("dd2424-hagglund-ce.yaml"));
        Path out = ExperimentRunner.run(resolved, quick(experiments, tmp.resolve("results")));
        assertTrue(Summary.read(out.resolve("summary.json")).measures().containsKey("test_acc"));
    }

    private static List<String> withoutWallTime(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    private static boolean hasTempFolders(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(".tmp") || p.getFileName().toString().startsWith(".old"));
        }
    }
}
