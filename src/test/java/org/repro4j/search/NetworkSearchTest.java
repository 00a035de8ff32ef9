package org.repro4j.search;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.report.Summary;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A QUICK search through the real engine (NetworkFactory, SingleRun, Evaluator) on generated data. */
class NetworkSearchTest {
    @TempDir
    Path dir;

    /** With either training engine: the lean one must score every batch for the divergence watch. */
    @ParameterizedTest
    @ValueSource(strings = {"fit", "lean"})
    void aDivergingCandidateFailsAndTheOtherIsChosenOnValidation(String engine) throws IOException {
        Path dir = Files.createDirectories(this.dir.resolve(engine));
        Path spec = dir.resolve("ellipse.yaml");
        Files.writeString(spec, """
                name: ellipse
                title: Learning rates on the synthetic ellipse
                report: vu-dl-a1-tan
                reproduces: nothing in particular
                description: A 2-8-2 network, one sane learning rate and one that must diverge.
                experiment:
                  data: {protocol: synthetic-ellipse}
                  network:
                    inputs: 2
                    weight_init: {distribution: normal, std: 0.5}
                    layers:
                      - {type: dense, units: 8, activation: tanh}
                      - {type: output, units: 2, activation: identity, loss: mse}
                  training:
                    engine: ENGINE
                    learning_rate: 0.1
                    batch_size: 20
                    epochs: 2
                search:
                  generator: grid
                  score: val_loss
                parameters:
                  training.learning_rate: {values: [0.05, 1.0e6]}
                """.replace("ENGINE", engine));
        Path out = SearchRunner.run(spec, new SearchOptions(dir, dir.resolve("results"), true, false,
                new PrintStream(OutputStream.nullOutputStream())));

        List<String> rows = Files.readAllLines(out.resolve(SearchReport.CANDIDATES_CSV));
        assertEquals(3, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(1).startsWith("\"0\",\"completed\",\"0.05\""), rows.get(1));
        assertTrue(rows.get(2).startsWith("\"1\",\"failed\",\"1000000.0\"") && rows.get(2).contains("diverged"), rows.get(2));
        String here = org.repro4j.train.TrialExecutors.where(org.repro4j.train.TrialExecutors.LOCAL);
        assertTrue(rows.get(0).endsWith("\"trained_on\"") && rows.get(1).endsWith(",\"" + here + "\""), rows.get(1));
        assertTrue(rows.get(2).endsWith(",\"\""), "a failed candidate has no place: " + rows.get(2));
        Summary s = Summary.read(out.resolve("summary.json"));
        assertEquals(0.05, s.measures().get("best.training.learning_rate").measured());
        double valLoss = s.measures().get("val_loss.best").measured();
        assertTrue(valLoss > 0 && valLoss < 1, "the retrained best has a sane validation loss: " + valLoss);
        assertTrue(s.measures().containsKey("train_acc.best"));
        assertTrue(s.deviations().stream().anyMatch(d -> d.startsWith("QUICK run")));
        assertTrue(s.deviations().stream().noneMatch(d -> d.contains("not the")), "retraining the best reproduces its score");
        assertTrue(Files.readString(out.resolve("README.md")).contains("failed: diverged"));
        assertEquals(s.provenance().specSha256(), org.repro4j.Sha256.of(out.resolve("spec.json")), "sha256sum spec.json");
        assertEquals(List.of("candidate 0", "candidate 1"), List.copyOf(s.provenance().recipe().trials().keySet()));
        assertEquals(java.util.Map.of(), s.provenance().recipe().dataFiles(), "generated data reads no file");
        assertEquals(here + ": 1 candidate", s.provenance().recipe().trainedOn().get("candidates"));
    }
}
