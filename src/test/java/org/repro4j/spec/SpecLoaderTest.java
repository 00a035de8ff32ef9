package org.repro4j.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.ReproException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecLoaderTest {
    private static final String VALID = """
            id: t
            title: A test experiment
            report: dd2424-a1-hagglund
            kind: train
            data: {protocol: cifar-b1}
            network:
              inputs: 3072
              weight_init: {distribution: normal, std: 0.01}
              layers:
                - {type: output, units: 10, activation: softmax, loss: mcxent}
            training:
              learning_rate: 0.001
              l2: {lambda: 0.1}
              batch_size: 100
              epochs: 40
            runs:
              - {name: fast, set: {training.learning_rate: 0.1, training.l2.lambda: 0}}
            reference:
              headline: test_acc.fast
              measures:
                test_acc.fast: {value: 0.28, band: [0.26, 0.30]}
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return SpecFiles.write(dir, "t.yaml", yaml);
    }

    private String error(String yaml) throws IOException {
        return SpecFiles.loadError(write(yaml), SpecLoader::load);
    }

    @Test
    void loadsAValidSpecWithDefaults() throws IOException {
        ExperimentSpec s = SpecLoader.load(write(VALID));
        assertEquals("t", s.id());
        assertEquals(0.001, s.training().learningRate());
        assertEquals("sum-w2", s.training().l2().convention());
        assertEquals("constant", s.training().schedule().type());
        assertEquals(false, s.training().shuffle());
        assertEquals(java.util.List.of(1L), s.seeds());
        assertEquals("float", s.data().dtype());
    }

    @Test
    void runOverridesReplaceDottedKeys() throws IOException {
        Path f = write(VALID);
        ExperimentSpec s = SpecLoader.load(f);
        ExperimentSpec fast = SpecLoader.resolve(f, s.runs().get(0));
        assertEquals(0.1, fast.training().learningRate());
        assertEquals(0.0, fast.training().l2().lambda());
        assertEquals(40, fast.training().epochs(), "keys the run does not set keep the base value");
    }

    @Test
    void unknownKeyIsNamed() throws IOException {
        String msg = error(VALID.replace("batch_size: 100", "batch_size: 100\n  batchsize: 5"));
        assertTrue(msg.contains("batchsize"), msg);
    }

    @Test
    void unknownKeyInARunOverrideIsNamed() throws IOException {
        String msg = error(VALID.replace("training.l2.lambda: 0}", "training.l2.lamda: 0}"));
        assertTrue(msg.contains("lamda") && msg.contains("fast"), msg);
    }

    static Stream<String[]> badValues() {
        return Stream.of(
                new String[]{"learning_rate: 0.001", "learning_rate: -0.1", "training.learning_rate"},
                new String[]{"batch_size: 100", "batch_size: 0", "training.batch_size"},
                new String[]{"epochs: 40", "epochs: 0", "training.epochs"},
                new String[]{"loss: mcxent", "loss: hinge2", "network.layers[0].loss"},
                new String[]{"protocol: cifar-b1", "protocol: cifar-b7", "data.protocol"},
                new String[]{"activation: softmax", "activation: softplus2", "network.layers[0].activation"},
                new String[]{"l2: {lambda: 0.1}", "l2: {lambda: -1}", "training.l2.lambda"},
                new String[]{"l2: {lambda: 0.1}", "l2: {lambda: 0.1, convention: quarter}", "training.l2.convention"},
                new String[]{"kind: train", "kind: dance", "kind"},
                new String[]{"std: 0.01", "std: 0", "network.weight_init.std"},
                new String[]{"band: [0.26, 0.30]", "band: [0.30, 0.26]", "band"},
                new String[]{"headline: test_acc.fast", "headline: test_acc.slow", "reference.headline"},
                new String[]{"id: t", "id: other", "id"},
                new String[]{"learning_rate: 0.001", "learning_rate: fast", "training.learning_rate"});
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("badValues")
    void impossibleValuesAreRefusedWithTheirKey(String from, String to, String key) throws IOException {
        assertTrue(VALID.contains(from), from);
        String msg = error(VALID.replace(from, to));
        assertTrue(msg.contains(key), "message names " + key + ": " + msg);
    }

    @Test
    void badValueInARunIsNamedWithTheRun() throws IOException {
        String msg = error(VALID.replace("training.learning_rate: 0.1", "training.learning_rate: -0.1"));
        assertTrue(msg.contains("run 'fast'") && msg.contains("training.learning_rate"), msg);
    }

    @Test
    void extendsTakesTheBaseAndReplacesWhatItNames() throws IOException {
        write(VALID);
        Path child = dir.resolve("child.yaml");
        Files.writeString(child, """
                extends: t
                id: child
                training: {epochs: 3}
                figures: [curves]
                reference: {measures: {}}
                """);
        ExperimentSpec s = SpecLoader.load(child);
        assertEquals("child", s.id());
        assertEquals(3, s.training().epochs());
        assertEquals(100, s.training().batchSize(), "mappings merge key by key");
        assertEquals(java.util.List.of("curves"), s.figures());
        assertTrue(s.reference().measures().isEmpty(), "reference is replaced whole");
        assertEquals("fast", s.runs().get(0).name());
        assertEquals(0.1, SpecLoader.resolve(child, s.runs().get(0)).training().learningRate());
    }

    @Test
    void extendsOfAMissingSpecIsNamed() throws IOException {
        Path child = dir.resolve("child.yaml");
        Files.writeString(child, "extends: nowhere\nid: child\n");
        ReproException e = assertThrows(ReproException.class, () -> SpecLoader.load(child));
        assertTrue(e.getMessage().contains("extends") && e.getMessage().contains("nowhere"), e.getMessage());
    }

    @Test
    void brokenYamlIsReported() throws IOException {
        String msg = error("id: [unclosed");
        assertTrue(msg.contains("not valid YAML"), msg);
    }

    @Test
    void missingFileSaysWhatToDo() {
        ReproException e = assertThrows(ReproException.class, () -> SpecLoader.load(dir.resolve("nope.yaml")));
        assertTrue(e.getMessage().contains("repro list"), e.getMessage());
    }

    @Test
    void everyShippedSpecIsValid() throws IOException {
        try (Stream<Path> specs = Files.list(Path.of("experiments"))) {
            long n = specs.filter(p -> p.toString().endsWith(".yaml")).peek(SpecLoader::load).count();
            assertTrue(n >= 2, "found " + n + " specs");
        }
    }
}
