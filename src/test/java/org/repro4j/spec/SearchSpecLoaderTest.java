package org.repro4j.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.repro4j.search.SearchTestSpecs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SearchSpecLoaderTest {
    /** A valid search; the refusals below break one key at a time. */
    static final String VALID = SearchTestSpecs.search("s", "random", "max_candidates: 4", """
              training.learning_rate: {log_uniform: [0.001, 1.0]}
              training.batch_size: {values: [64, 128]}
              training.epochs: {integers: [1, 3]}
            """) + """

            reference:
              headline: val_acc.best
              measures:
                val_acc.best: {value: 0.9}
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return SpecFiles.write(dir, "s.yaml", yaml);
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
        assertEquals(Protocol.MNIST_TDT, e.data().protocol());
    }

    @Test
    void shippedSearchesLoad() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("experiments/search"))) {
            List<Path> specs = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertTrue(specs.size() >= 2, "the two shipped searches: " + specs);
            specs.forEach(SearchSpecLoader::load);
        }
    }

    /** Each row: text of VALID, what replaces it, and what the error must say (the key, and the reason). */
    static Stream<Arguments> refusals() {
        return Stream.of(
                arguments("max_candidates: 4", "max_candidate: 4", List.of("search.max_candidate", "unknown key")),
                arguments("{distribution: zeros}", "{distribution: zeros, mean: 0}", List.of("network.weight_init.mean")),
                arguments("training.epochs: {integers", "training.epoch: {integers", List.of("parameters.training.epoch", "unknown key")),
                arguments("values: [64, 128]", "values: [0, 128]", List.of("parameters.training.batch_size", "must be >= 1")),
                arguments("log_uniform: [0.001, 1.0]", "log_uniform: [0, 1.0]",
                        List.of("parameters.training.learning_rate.log_uniform", "0 < lo < hi")),
                arguments("integers: [1, 3]", "integers: [3, 1]", List.of("parameters.training.epochs.integers")),
                arguments("values: [64, 128]", "uniform: [64, 128]", List.of("whole-number key")),
                arguments("values: [64, 128]", "values: [64]", List.of("at least two values")),
                arguments("values: [64, 128]", "values: [64, 128], uniform: [1, 2]", List.of("exactly one of")),
                arguments("training.epochs: {integers: [1, 3]}", "data.dtype: {values: [float, double]}",
                        List.of("parameters.data.dtype", "training.")),
                arguments("generator: random", "generator: bayes", List.of("search.generator")),
                arguments("max_candidates: 4", "threads: 1", List.of("needs a budget")),
                arguments("max_candidates: 4", "max_candidates: 4\n  threads: 0", List.of("search.threads")),
                arguments("max_candidates: 4", "max_candidates: 4\n  score: test_acc", List.of("search.score")),
                arguments("name: s", "name: other", List.of("name: must be the file name")),
                arguments("learning_rate: 0.01", "learning_rate: -1", List.of("experiment.training.learning_rate: must be > 0")),
                arguments("experiment:\n", "experiment:\n  seeds: [1]\n", List.of("experiment.seeds")),
                arguments("headline: val_acc.best", "headline: test_acc.best", List.of("reference.headline")));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void mistakesAreRefusedWithTheFileTheKeyAndTheReason(String text, String replacement, List<String> expected) throws IOException {
        assertTrue(VALID.contains(text), "the row edits VALID: " + text);
        String m = SpecFiles.loadError(write(VALID.replace(text, replacement)), SearchSpecLoader::load);
        expected.forEach(e -> assertTrue(m.contains(e), "'" + e + "' in: " + m));
    }
}
