package org.repro4j.train;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.repro4j.TestData;
import org.repro4j.report.MetricRow;
import org.repro4j.report.MetricsCsv;
import org.repro4j.report.Summary;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * QUICK runs of the VU Deep Learning and TDT4265 experiments, all in one invocation with shared
 * trainings (as {@code bin/repro run ID...} does): every id writes every file its spec asks for.
 * tdt-t2-logistic is left out here: {@link TdtLogisticExactTest} runs it in full.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VuTdtExperimentsTest {
    private static final Map<String, List<String>> FILES = Map.ofEntries(
            Map.entry("vu-q3", List.of("derivatives.txt")),
            Map.entry("vu-q4", List.of("metrics.csv", "running-loss.png")),
            Map.entry("vu-e1", List.of("metrics.csv", "running-loss.png")),
            Map.entry("vu-e2", List.of("metrics.csv", "running-loss.png", "band-train.png", "band-val.png")),
            Map.entry("vu-e3", List.of("metrics.csv", "running-loss.png", "runs-accuracy.png")),
            Map.entry("vu-e4", List.of("metrics.csv", "running-loss.png")),
            Map.entry("tdt-t2-shuffle", List.of("metrics.csv", "runs-accuracy.png", "runs-loss.png")),
            Map.entry("tdt-t3-softmax", List.of("metrics.csv", "curves.png")),
            Map.entry("tdt-t4-weights", List.of("metrics.csv", "weights-1.png", "weights-2.png")),
            Map.entry("tdt-t4-sweep", List.of("metrics.csv", "runs-accuracy.png")),
            Map.entry("tdt-t4-norm", List.of("metrics.csv", "weight-norm.png")));

    @TempDir
    Path results;

    @BeforeAll
    void runAllQuick() {
        RunOptions options = new RunOptions(Path.of("experiments"), TestData.requireMnist(), results, true, null,
                new PrintStream(OutputStream.nullOutputStream())).withSharedRuns();
        for (String id : ids().toList()) {
            ExperimentRunner.run(id, options);
        }
    }

    static Stream<String> ids() {
        return Stream.of("vu-q3", "vu-q4", "vu-e1", "vu-e2", "vu-e3", "vu-e4",
                "tdt-t2-shuffle", "tdt-t3-softmax", "tdt-t4-weights", "tdt-t4-sweep", "tdt-t4-norm");
    }

    @ParameterizedTest
    @MethodSource("ids")
    void writesEveryFile(String id) throws IOException {
        Path dir = results.resolve(id);
        for (String f : Stream.concat(Stream.of("README.md", "summary.json"), FILES.get(id).stream()).toList()) {
            assertTrue(Files.isRegularFile(dir.resolve(f)) && Files.size(dir.resolve(f)) > 0, id + ": " + f);
        }
        Summary s = Summary.read(dir.resolve("summary.json"));
        assertTrue(!s.measures().isEmpty(), id + " measured something");
    }

    @Test
    void batchOneRunsRecordTheRunningLossAndTheStepTime() {
        Summary e1 = Summary.read(results.resolve("vu-e1/summary.json"));
        double stepMs = e1.measures().get("step_ms").measured();
        assertTrue(stepMs > 0 && stepMs < 100, "median step " + stepMs + " ms");
        List<MetricRow> running = MetricsCsv.read(results.resolve("vu-e1/metrics.csv")).stream()
                .filter(r -> r.split().equals(RunningLossListener.SPLIT)).toList();
        assertEquals(RunOptions.QUICK_EPOCHS, running.size(), "one running-loss row per epoch");
        assertTrue(running.get(1).loss() < running.get(0).loss(), "the training loss falls");
    }

    @Test
    void aTrainingCommonToTwoExperimentsIsDoneOnceAndReportedByBoth() throws IOException {
        // vu-e1 is seed 1 of vu-e2 and the lr = 0.01 run of vu-e3.
        List<MetricRow> e1 = MetricsCsv.read(results.resolve("vu-e1/metrics.csv"));
        List<MetricRow> e3 = MetricsCsv.read(results.resolve("vu-e3/metrics.csv")).stream()
                .filter(r -> r.run().equals("lr=0.01")).toList();
        assertEquals(e1.size(), e3.size());
        for (int i = 0; i < e1.size(); i++) {
            assertEquals(e1.get(i).loss(), e3.get(i).loss(), 0.0, "row " + i);
            assertEquals(e1.get(i).step(), e3.get(i).step());
        }
        assertTrue(Files.readString(results.resolve("vu-e3/README.md")).contains("same training as in vu-e1"));
        assertEquals(Summary.read(results.resolve("vu-e1/summary.json")).measures().get("val_acc").measured(),
                Summary.read(results.resolve("vu-e3/summary.json")).measures().get("val_acc.lr=0.01").measured());
    }
}
