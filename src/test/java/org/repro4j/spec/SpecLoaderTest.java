package org.repro4j.spec;

import org.repro4j.spec.L2Convention;
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
    /** A valid spec with one setting; other spec tests break it one key at a time. */
    static final String VALID = """
            id: t
            title: A test experiment
            reproduces: a test table
            description: What the test experiment does.
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
        assertEquals(L2Convention.SUM_W2, s.training().l2().convention());
        assertEquals(Schedule.CONSTANT, s.training().schedule().type());
        assertEquals(false, s.training().shuffle());
        assertEquals(java.util.List.of(1L), s.seeds());
        assertEquals("float", s.data().dtype());
    }

    @Test
    void runOverridesReplaceDottedKeys() throws IOException {
        Path f = write(VALID);
        ExperimentSpec s = SpecLoader.load(f);
        ExperimentSpec fast = SpecLoader.resolve(f).setting(s.runs().get(0).name()).spec();
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

    /**
     * One impossible value each: {from, to, key, what the problem line must also hold}. The
     * validator writes each problem as "key: reason", so the test looks for the problem line that
     * starts with the full key and a colon (every message says "invalid experiment spec", so a bare
     * key such as "id" would match any error), and where the reason quotes the bad value, for it too.
     */
    static Stream<String[]> badValues() {
        return Stream.of(
                new String[]{"learning_rate: 0.001", "learning_rate: -0.1", "training.learning_rate", "got -0.1"},
                new String[]{"batch_size: 100", "batch_size: 0", "training.batch_size", "got 0"},
                new String[]{"epochs: 40", "epochs: 0", "training.epochs", "got 0"},
                new String[]{"loss: mcxent", "loss: hinge2", "network.layers[0].loss", "'hinge2'"},
                new String[]{"protocol: cifar-b1", "protocol: cifar-b7", "data.protocol", "'cifar-b7'"},
                new String[]{"activation: softmax", "activation: softplus2", "network.layers[0].activation", "'softplus2'"},
                new String[]{"l2: {lambda: 0.1}", "l2: {lambda: -1}", "training.l2.lambda", "got -1.0"},
                new String[]{"l2: {lambda: 0.1}", "l2: {lambda: 0.1, convention: quarter}", "training.l2.convention", "'quarter'"},
                new String[]{"kind: train", "kind: dance", "kind", "'dance'"},
                new String[]{"std: 0.01", "std: 0", "network.weight_init.std", "must be > 0"},
                new String[]{"band: [0.26, 0.30]", "band: [0.30, 0.26]", "reference.measures.test_acc.fast.band", "lo <= hi"},
                new String[]{"headline: test_acc.fast", "headline: test_acc.slow", "reference.headline", "'test_acc.slow'"},
                new String[]{"id: t", "id: other", "id", "'other' must match the file name 't'"});
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("badValues")
    void impossibleValuesAreRefusedWithTheirKey(String from, String to, String key, String detail) throws IOException {
        assertTrue(VALID.contains(from), from);
        String msg = error(VALID.replace(from, to));
        String line = problemLine(msg, key);
        assertTrue(line.contains(detail), "the problem of " + key + " says " + detail + ": " + msg);
    }

    /** The problem line "  - key: reason" of a refused base spec (not a run's), failing when there is none. */
    static String problemLine(String msg, String key) {
        return msg.lines().filter(l -> l.startsWith("  - " + key + ": ")).findFirst()
                .orElseThrow(() -> new AssertionError("no problem line for '" + key + ": ' in:\n" + msg));
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedWithItsKey() throws IOException {
        String msg = error(VALID.replace("learning_rate: 0.001", "learning_rate: fast"));
        assertTrue(msg.contains("bad value at 'training.learning_rate': expected a number, got 'fast'"), msg);
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
        assertEquals(java.util.List.of(Figure.CURVES), s.figures());
        assertTrue(s.reference().measures().isEmpty(), "reference is replaced whole");
        assertEquals("fast", s.runs().get(0).name());
        assertEquals(0.1, SpecLoader.resolve(child).setting(s.runs().get(0).name()).spec().training().learningRate());
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
