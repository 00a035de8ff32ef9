package org.repro4j.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * One row per rule of {@link SpecValidator}: a valid spec with one thing changed must be refused
 * with a problem line "key: reason" for exactly that rule's key. Also: circular {@code extends}.
 */
class SpecValidatorRulesTest {
    /** A valid train spec that has a hidden layer, several seeds and runs, measures and figures to break. */
    private static final String TRAIN = """
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
                - {type: dense, units: 50, activation: relu}
                - {type: output, units: 10, activation: softmax, loss: mcxent}
            training:
              learning_rate: 0.001
              l2: {lambda: 0.1}
              batch_size: 100
              epochs: 40
            seeds: [1, 2]
            measure: {splits: [train, val, test]}
            figures: [curves]
            runs:
              - {name: fast, set: {training.learning_rate: 0.1}}
              - {name: slow, set: {training.learning_rate: 0.0001}}
            reference:
              headline: test_acc.fast
              measures:
                test_acc.fast: {value: 0.28, band: [0.26, 0.30]}
            tolerances:
              - {measures: "*.fast", accuracy_points: 2, relative: 0.1, reason: chaotic at this rate}
            """;

    /** A valid gradcheck spec. */
    private static final String GRADCHECK = """
            id: t
            title: A gradient check
            reproduces: a test table
            description: What the test experiment does.
            report: dd2424-a1-abadi
            kind: gradcheck
            data: {protocol: cifar-b1}
            network:
              inputs: 3072
              weight_init: {distribution: normal, std: 2.0}
              layers:
                - {type: output, units: 10, activation: softmax, loss: mcxent}
            gradcheck:
              examples: 20
              init_std: 2.0
              h: 1.0e-4
              lambda: 0.1
              max_abs_diff: 1.0e-6
            """;

    private static final String NETWORK = """
            network:
              inputs: 3072
              weight_init: {distribution: normal, std: 0.01}
              layers:
                - {type: dense, units: 50, activation: relu}
                - {type: output, units: 10, activation: softmax, loss: mcxent}
            """;
    private static final String LAYERS = """
              layers:
                - {type: dense, units: 50, activation: relu}
                - {type: output, units: 10, activation: softmax, loss: mcxent}
            """;
    private static final String TRAINING = """
            training:
              learning_rate: 0.001
              l2: {lambda: 0.1}
              batch_size: 100
              epochs: 40
            """;
    private static final String GRADCHECK_SECTION = GRADCHECK.substring(GRADCHECK.indexOf("gradcheck:\n"));
    /** Where training keys that the base does not set go. */
    private static final String EPOCHS = "  epochs: 40\n";

    @TempDir
    Path dir;

    private static Arguments train(String key, String from, String to) {
        return arguments(key, TRAIN, from, to);
    }

    /** A training key added to the valid spec. */
    private static Arguments trainingKey(String key, String line) {
        return arguments(key, TRAIN, EPOCHS, EPOCHS + "  " + line + "\n");
    }

    private static Arguments gradcheck(String key, String from, String to) {
        return arguments(key, GRADCHECK, from, to);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                train("id", "id: t\n", ""),
                train("title", "title: A test experiment", "title: ' '"),
                train("report", "report: dd2424-a1-hagglund\n", ""),
                train("reproduces", "reproduces: a test table\n", ""),
                train("description", "description: What the test experiment does.", "description: ''"),
                train("kind", "kind: train", "kind: dance"),
                train("data", "data: {protocol: cifar-b1}\n", ""),
                train("data.protocol", "protocol: cifar-b1", "protocol: cifar-b7"),
                train("data.dtype", "{protocol: cifar-b1}", "{protocol: cifar-b1, dtype: half}"),
                train("data.digits", "{protocol: cifar-b1}", "{protocol: mnist-tdt, digits: [2, 2]}"),
                train("data.digits", "{protocol: cifar-b1}", "{protocol: mnist-tdt, digits: [2]}"),
                train("data.digits", "{protocol: cifar-b1}", "{protocol: mnist-tdt, digits: [2, 10]}"),
                train("network", NETWORK, ""),
                train("network.inputs", "inputs: 3072", "inputs: 0"),
                train("network.weight_init", "  weight_init: {distribution: normal, std: 0.01}\n", ""),
                train("network.weight_init.distribution", "distribution: normal", "distribution: uniform"),
                train("network.weight_init.std", "std: 0.01", "std: 0"),
                train("network.weight_init.std", "{distribution: normal, std: 0.01}", "{distribution: normal}"),
                train("network.layers", LAYERS, "  layers: []\n"),
                train("network.layers[0].type", "{type: dense, units: 50", "{type: output, units: 50"),
                train("network.layers[1].type", "{type: output, units: 10", "{type: dense, units: 10"),
                train("network.layers[0].units", "units: 50", "units: 0"),
                train("network.layers[1].units", "units: 10", "units: -1"),
                train("network.layers[0].activation", "activation: relu", "activation: gelu"),
                train("network.layers[1].loss", "loss: mcxent", "loss: hinge2"),
                train("network.layers[1].loss", ", loss: mcxent}", "}"),
                train("network.layers[0].loss", "activation: relu}", "activation: relu, loss: mcxent}"),
                // Without the runs, whose overrides would create a training section of one key.
                arguments("training", TRAIN.substring(0, TRAIN.indexOf("runs:")), TRAINING, ""),
                trainingKey("training.optimizer", "optimizer: adam"),
                trainingKey("training.engine", "engine: turbo"),
                train("training.learning_rate", "learning_rate: 0.001", "learning_rate: -0.1"),
                train("training.learning_rate", "learning_rate: 0.001", "learning_rate: NaN"),
                train("training.learning_rate", "learning_rate: 0.001", "learning_rate: 1.0e400"),
                train("training.batch_size", "batch_size: 100", "batch_size: 0"),
                train("training.epochs", "epochs: 40", "epochs: 0"),
                trainingKey("training.schedule.type", "schedule: {type: cosine}"),
                trainingKey("training.schedule.gamma", "schedule: {type: exponential, gamma: 1.5}"),
                trainingKey("training.schedule.gamma", "schedule: {type: exponential, gamma: 0}"),
                trainingKey("training.schedule.gamma", "schedule: {type: exponential}"),
                trainingKey("training.schedule.first_drop", "schedule: {type: step, first_drop: 0, every: 40, factor: 0.1}"),
                trainingKey("training.schedule.every", "schedule: {type: step, first_drop: 20, every: 0, factor: 0.1}"),
                trainingKey("training.schedule.factor", "schedule: {type: step, first_drop: 20, every: 40, factor: 2}"),
                trainingKey("training.schedule.factor", "schedule: {type: step, first_drop: 20, every: 40}"),
                train("training.l2.lambda", "l2: {lambda: 0.1}", "l2: {lambda: -1}"),
                train("training.l2.convention", "l2: {lambda: 0.1}", "l2: {lambda: 0.1, convention: quarter}"),
                trainingKey("training.augment[0].type", "augment: [{type: rotate}]"),
                trainingKey("training.augment[0].p", "augment: [{type: flip, p: 1.5}]"),
                trainingKey("training.augment[0].p", "augment: [{type: flip}]"),
                trainingKey("training.augment[1].std", "augment: [{type: flip, p: 0.5}, {type: gaussian, std: 0}]"),
                trainingKey("training.augment[0].fraction", "augment: [{type: salt-pepper, fraction: 1}]"),
                trainingKey("training.early_stopping.patience", "early_stopping: {patience: 0, checks_per_epoch: 5}"),
                trainingKey("training.early_stopping.checks_per_epoch", "early_stopping: {patience: 10, checks_per_epoch: 0}"),
                gradcheck("gradcheck", GRADCHECK_SECTION, ""),
                gradcheck("gradcheck.examples", "examples: 20", "examples: 0"),
                gradcheck("gradcheck.init_std", "init_std: 2.0", "init_std: 0"),
                gradcheck("gradcheck.h", "h: 1.0e-4", "h: 1"),
                gradcheck("gradcheck.h", "h: 1.0e-4", "h: 0"),
                gradcheck("gradcheck.lambda", "lambda: 0.1", "lambda: -0.1"),
                gradcheck("gradcheck.max_abs_diff", "max_abs_diff: 1.0e-6", "max_abs_diff: 0"),
                train("seeds", "seeds: [1, 2]", "seeds: []"),
                train("runs[1].name", "  - {name: slow, set:", "  - {set:"),
                train("runs[1].name", "name: slow", "name: fast"),
                train("measure.splits[1]", "splits: [train, val, test]", "splits: [train, dev]"),
                train("measure.every_steps", "{splits: [train, val, test]}", "{splits: [train, val, test], every_steps: 0}"),
                train("measure.running_loss", "{splits: [train, val, test]}", "{splits: [train, val, test], running_loss: '0'}"),
                train("measure.running_loss", "{splits: [train, val, test]}", "{splits: [train, val, test], running_loss: often}"),
                train("figures[0]", "figures: [curves]", "figures: [histogram]"),
                train("reference.measures.test_acc.fast.band", "band: [0.26, 0.30]", "band: [0.30, 0.26]"),
                train("reference.measures.test_acc.fast.band", "band: [0.26, 0.30]", "band: [0.26]"),
                train("reference.headline", "headline: test_acc.fast", "headline: test_acc.slow"),
                train("tolerances[0].measures", "measures: \"*.fast\", ", ""),
                train("tolerances[0].reason", ", reason: chaotic at this rate", ""),
                train("tolerances[0]", "accuracy_points: 2, relative: 0.1, ", ""),
                train("tolerances[0].accuracy_points", "accuracy_points: 2", "accuracy_points: -2"),
                train("tolerances[0].relative", "relative: 0.1", "relative: -0.1"),
                train("tolerances[0].count", "relative: 0.1", "relative: 0.1, count: -1"));
    }

    @ParameterizedTest(name = "{0} <- {3}")
    @MethodSource("rules")
    void eachRuleRefusesItsBadValueWithItsKey(String key, String base, String from, String to) throws IOException {
        assertTrue(base.contains(from), "the row changes something the base spec has: " + from);
        Path file = SpecFiles.write(dir, "t.yaml", base.replace(from, to));
        String msg = SpecFiles.loadError(file, SpecLoader::load);
        assertTrue(msg.lines().anyMatch(l -> l.startsWith("  - " + key + ": ")),
                "a problem line '" + key + ": ' in:\n" + msg);
    }

    @Test
    void theBaseSpecsAreValid() throws IOException {
        assertEquals("t", SpecLoader.load(SpecFiles.write(dir, "t.yaml", TRAIN)).id());
        assertEquals(Kind.GRADCHECK, SpecLoader.load(SpecFiles.write(dir, "t.yaml", GRADCHECK)).kind());
        // The optional sections the rows break, each valid in the base.
        for (String line : new String[] {"optimizer: sgd", "engine: lean", "schedule: {type: exponential, gamma: 0.9}",
                "schedule: {type: step, first_drop: 20, every: 40, factor: 0.1}",
                "augment: [{type: flip, p: 0.5}, {type: gaussian, std: 0.1}, {type: salt-pepper, fraction: 0.01}]",
                "early_stopping: {patience: 10, checks_per_epoch: 5}"}) {
            SpecLoader.load(SpecFiles.write(dir, "t.yaml", TRAIN.replace(EPOCHS, EPOCHS + "  " + line + "\n")));
        }
        SpecLoader.load(SpecFiles.write(dir, "t.yaml", TRAIN.replace("{protocol: cifar-b1}",
                "{protocol: mnist-tdt, digits: [2, 3], dtype: double}")));
        SpecLoader.load(SpecFiles.write(dir, "t.yaml", TRAIN.replace("{splits: [train, val, test]}",
                "{splits: [train, val, test], every_steps: 10, running_loss: '1000'}")));
    }

    @Test
    void twoSpecsExtendingEachOtherAreRefused() throws IOException {
        SpecFiles.write(dir, "b.yaml", "extends: a\nid: b\n");
        Path a = SpecFiles.write(dir, "a.yaml", "extends: b\nid: a\n");
        String msg = SpecFiles.loadError(a, SpecLoader::load);
        assertTrue(msg.contains("extends: circular chain"), msg);
        assertTrue(msg.contains(dir.resolve("b.yaml").toString()), "names the other file of the loop: " + msg);
    }

    @Test
    void aSpecExtendingItselfIsRefused() throws IOException {
        Path a = SpecFiles.write(dir, "a.yaml", "extends: a\nid: a\n");
        String msg = SpecFiles.loadError(a, SpecLoader::load);
        assertTrue(msg.contains("extends: circular chain"), msg);
    }
}
