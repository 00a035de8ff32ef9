package org.repro4j.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.report.MetricRow;
import org.repro4j.report.MetricsCsv;
import org.repro4j.report.Summary;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The measure keys running_loss, step_time and weight_norm, end to end on the small synthetic-data network. */
class OptionalMeasuresTest {
    @TempDir
    Path dir;

    @Test
    void aTrainRunRecordsWhatTheMeasureSectionAsksFor() throws IOException {
        Path experiments = Files.createDirectories(dir.resolve("experiments"));
        Files.copy(Path.of("experiments/vu-q4.yaml"), experiments.resolve("vu-q4.yaml"));
        Files.writeString(experiments.resolve("t.yaml"), """
                extends: vu-q4
                id: t
                measure: {splits: [val], running_loss: 500, step_time: true, weight_norm: true}
                """);
        RunOptions quick = new RunOptions(experiments, dir, dir.resolve("results"), true, null,
                new PrintStream(OutputStream.nullOutputStream()));
        Path out = ExperimentRunner.run("t", quick);

        List<MetricRow> running = MetricsCsv.read(out.resolve("metrics.csv")).stream()
                .filter(r -> r.split().equals(RunningLossListener.SPLIT)).toList();
        // QUICK: one epoch of 2,000 samples, batch 1.
        assertEquals(List.of(500L, 1000L, 1500L, 2000L), running.stream().map(MetricRow::step).toList());
        assertTrue(running.get(3).loss() < running.get(0).loss(), "the loss falls: " + running);
        Summary s = Summary.read(out.resolve("summary.json"));
        assertEquals(running.get(3).loss(), s.measures().get("running_loss").measured());
        double stepMs = s.measures().get("step_ms").measured();
        assertTrue(stepMs > 0 && Double.isFinite(stepMs), "a median step time was recorded: " + stepMs + " ms");
        assertTrue(s.measures().get("weight_sq_norm").measured() > 0);
        assertTrue(Files.size(out.resolve("running-loss.png")) > 0);
    }
}
