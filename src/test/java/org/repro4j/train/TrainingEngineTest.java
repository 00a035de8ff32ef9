package org.repro4j.train;

import org.repro4j.spec.Engine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.ReproException;
import org.repro4j.TestData;
import org.repro4j.report.Measure;
import org.repro4j.report.Summary;
import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.SpecLoader;

/** The {@code training.engine} spec key, and the lean engine through the whole experiment runner. */
class TrainingEngineTest {
    private static final String SPEC = "dd2424-hagglund-ce";
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path tmp;

    @Test
    void specEngineDefaultsToFitAndAcceptsLean() throws IOException {
        assertEquals(Engine.FIT, SpecLoader.load(withEngine(null).resolve(SPEC + ".yaml")).training().engine());
        ExperimentSpec lean = SpecLoader.load(withEngine("lean").resolve(SPEC + ".yaml"));
        assertEquals(Engine.LEAN, lean.training().engine());
    }

    /** make reproduce's time depends on it; a spec that needs fit would be refused by the lean engine. */
    @Test
    void everyTrainingExperimentUsesTheLeanEngine() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("experiments"))) {
            List<Path> specs = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            int training = 0;
            for (Path f : specs) {
                ExperimentSpec s = SpecLoader.load(f);
                if (s.kind() == org.repro4j.spec.Kind.TRAIN) {
                    training++;
                    assertEquals(Engine.LEAN, s.training().engine(), f.toString());
                }
            }
            assertTrue(training >= 20, "found only " + training + " training specs");
        }
    }

    @Test
    void unknownEngineIsRefusedNamingTheKey() throws IOException {
        Path bad = withEngine("turbo").resolve(SPEC + ".yaml");
        ReproException e = assertThrows(ReproException.class, () -> SpecLoader.load(bad));
        assertTrue(e.getMessage().contains("training.engine") && e.getMessage().contains("lean"), e.getMessage());
    }

    /** Every measure of a QUICK run (accuracies, losses, costs of 4 settings x 3 seeds) agrees. */
    @Test
    void leanRunMeasuresWhatFitRunMeasures() throws IOException {
        Path data = TestData.requireCifar();
        Path fit = ExperimentRunner.run(SPEC, new RunOptions(withEngine("fit"), data, tmp.resolve("fit"), true, 1, QUIET));
        Path lean = ExperimentRunner.run(SPEC, new RunOptions(withEngine("lean"), data, tmp.resolve("lean"), true, 1, QUIET));
        Map<String, Measure> expected = Summary.read(fit.resolve(Summary.FILE_NAME)).measures();
        Map<String, Measure> actual = Summary.read(lean.resolve(Summary.FILE_NAME)).measures();
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((key, m) -> assertEquals(m.measured(), actual.get(key).measured(),
                1e-4 * Math.max(1, Math.abs(m.measured())), key));
    }

    /** A copy of the experiments folder whose spec sets {@code training.engine} (null: leaves it out). */
    private Path withEngine(String engine) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("experiments-" + engine));
        String yaml = Files.readString(Path.of("experiments", SPEC + ".yaml")).replaceAll("\n  engine: [^\n]*", "");
        assertTrue(yaml.contains("\ntraining:\n"), "the spec has a training section to add the key to");
        String edited = engine == null ? yaml : yaml.replace("\ntraining:\n", "\ntraining:\n  engine: " + engine + "\n");
        Files.writeString(dir.resolve(SPEC + ".yaml"), edited);
        return dir;
    }
}
