package org.repro4j.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.ReproException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchSpecLoaderTest {
    /** A valid search; the tests below break one key at a time. */
    static final String VALID = """
            name: s
            title: A test search
            report: tdt4265-a1-utne
            reproduces: nothing in particular
            description: A small search.
            experiment:
              data: {protocol: mnist-tdt}
              network:
                inputs: 784
                weight_init: {distribution: zeros}
                layers:
                  - {type: output, units: 10, activation: softmax, loss: mcxent}
              training:
                learning_rate: 0.01
                batch_size: 128
                epochs: 2
            search:
              generator: random
              max_candidates: 4
            parameters:
              training.learning_rate: {log_uniform: [0.001, 1.0]}
              training.batch_size: {values: [64, 128]}
              training.epochs: {integers: [1, 3]}
            reference:
              headline: val_acc.best
              measures:
                val_acc.best: {value: 0.9}
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private String error(String yaml) throws IOException {
        Path f = write(yaml);
        String message = assertThrows(ReproException.class, () -> SearchSpecLoader.load(f)).getMessage();
        assertTrue(message.contains(f.toString()), "names the file: " + message);
        return message;
    }

    @Test
    void validSpecLoadsWithItsDefaultsAndOrder() throws IOException {
        SearchSpec s = SearchSpecLoader.load(write(VALID));
        assertEquals(List.of("training.learning_rate", "training.batch_size", "training.epochs"), List.copyOf(s.parameters().keySet()));
        assertEquals(1, s.search().threads());
        assertEquals("val_acc", s.search().score());
        assertFalse(s.search().minimize());
        assertEquals(1L, s.seed());
        assertTrue(s.parameters().get("training.learning_rate").logScale());
    }

    @Test
    void candidateOverridesTheExperimentKeys() throws IOException {
        Path f = write(VALID);
        SearchSpec s = SearchSpecLoader.load(f);
        ExperimentSpec e = SearchSpecLoader.candidate(s, f, Map.of("training.learning_rate", 0.5, "training.batch_size", 64));
        assertEquals(0.5, e.training().learningRate());
        assertEquals(64, e.training().batchSize());
        assertEquals("mnist-tdt", e.data().protocol());
    }

    @Test
    void shippedSearchesLoad() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("experiments/search"))) {
            List<Path> specs = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertTrue(specs.size() >= 2, "the two shipped searches: " + specs);
            specs.forEach(SearchSpecLoader::load);
        }
    }

    @Test
    void unknownKeysAreRefusedWithTheirPath() throws IOException {
        assertTrue(error(VALID.replace("max_candidates: 4", "max_candidate: 4")).contains("search.max_candidate"));
        assertTrue(error(VALID.replace("{distribution: zeros}", "{distribution: zeros, mean: 0}"))
                .contains("network.weight_init.mean"));
    }

    @Test
    void aParameterKeyTheExperimentDoesNotHaveIsRefused() throws IOException {
        String m = error(VALID.replace("training.epochs: {integers", "training.epoch: {integers"));
        assertTrue(m.contains("parameters.training.epoch") && m.contains("unknown key"), m);
    }

    @Test
    void impossibleValuesAreRefusedWithKeyAndReason() throws IOException {
        String m = error(VALID.replace("values: [64, 128]", "values: [0, 128]"));
        assertTrue(m.contains("parameters.training.batch_size") && m.contains("must be >= 1"), m);
        m = error(VALID.replace("log_uniform: [0.001, 1.0]", "log_uniform: [0, 1.0]"));
        assertTrue(m.contains("parameters.training.learning_rate.log_uniform") && m.contains("0 < lo < hi"), m);
        m = error(VALID.replace("integers: [1, 3]", "integers: [3, 1]"));
        assertTrue(m.contains("parameters.training.epochs.integers"), m);
        m = error(VALID.replace("values: [64, 128]", "uniform: [64, 128]"));
        assertTrue(m.contains("whole-number key"), m);
        m = error(VALID.replace("values: [64, 128]", "values: [64]"));
        assertTrue(m.contains("at least two values"), m);
        m = error(VALID.replace("values: [64, 128]", "values: [64, 128], uniform: [1, 2]"));
        assertTrue(m.contains("exactly one of"), m);
    }

    @Test
    void theSharedDataCannotBeSearched() throws IOException {
        String m = error(VALID.replace("training.epochs: {integers: [1, 3]}", "data.dtype: {values: [float, double]}"));
        assertTrue(m.contains("parameters.data.dtype") && m.contains("training."), m);
    }

    @Test
    void settingsAreChecked() throws IOException {
        assertTrue(error(VALID.replace("generator: random", "generator: bayes")).contains("search.generator"));
        assertTrue(error(VALID.replace("max_candidates: 4", "threads: 0")).contains("needs a budget"));
        assertTrue(error(VALID.replace("max_candidates: 4", "max_candidates: 4\n  threads: 0")).contains("search.threads"));
        assertTrue(error(VALID.replace("max_candidates: 4", "max_candidates: 4\n  score: test_acc")).contains("search.score"));
        assertTrue(error(VALID.replace("name: s", "name: other")).contains("name: must be the file name"));
    }

    @Test
    void theBaseExperimentIsValidatedAsAnExperiment() throws IOException {
        String m = error(VALID.replace("learning_rate: 0.01", "learning_rate: -1"));
        assertTrue(m.contains("experiment.training.learning_rate: must be > 0"), m);
        m = error(VALID.replace("experiment:\n", "experiment:\n  seeds: [1]\n"));
        assertTrue(m.contains("experiment.seeds"), m);
    }

    @Test
    void referenceHeadlineMustBeAMeasure() throws IOException {
        assertTrue(error(VALID.replace("headline: val_acc.best", "headline: test_acc.best")).contains("reference.headline"));
    }
}
