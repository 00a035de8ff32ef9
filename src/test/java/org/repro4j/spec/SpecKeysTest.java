package org.repro4j.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a user reads for a misspelt, missing or ill-formed key: our words, never Jackson's. */
class SpecKeysTest {
    /** SpecLoaderTest's valid spec with an augmentation, to misspell keys inside a list element. */
    private static final String VALID = SpecLoaderTest.VALID.replace("  epochs: 40\n",
            "  epochs: 40\n  augment:\n    - {type: flip, p: 0.5}\n");

    @TempDir
    Path dir;

    private String error(String yaml) throws IOException {
        String message = SpecFiles.loadError(SpecFiles.write(dir, "t.yaml", yaml), SpecLoader::load);
        for (String jackson : List.of("Jackson", "jackson", "DeserializationFeature", "FAIL_ON", "Cannot map", "`",
                "MismatchedInput", "com.fasterxml")) {
            assertFalse(message.contains(jackson), "no Jackson wording (" + jackson + "): " + message);
        }
        return message;
    }

    @Test
    void misspeltKeyIsUnknownWithTheNearestValidKey() throws IOException {
        String msg = error(VALID.replace("batch_size: 100", "batchsize: 100"));
        assertTrue(msg.contains("training.batchsize: unknown key; did you mean 'batch_size'?"), msg);
        assertFalse(msg.contains("training.batch_size: is missing"),
                "the misspelling explains the missing key; it is not reported twice: " + msg);
    }

    @Test
    void missingRequiredKeyIsReportedAsMissing() throws IOException {
        String msg = error(VALID.replace("  epochs: 40\n", ""));
        assertTrue(msg.contains("training.epochs: is missing; it is required (a whole number)"), msg);
    }

    @Test
    void nullForARequiredKeyIsMissing() throws IOException {
        String msg = error(VALID.replace("epochs: 40", "epochs: ~"));
        assertTrue(msg.contains("training.epochs: is missing"), msg);
    }

    @Test
    void valueOfTheWrongFormSaysWhatWasExpectedAndGiven() throws IOException {
        String msg = error(VALID.replace("epochs: 40", "epochs: forty"));
        assertTrue(msg.contains("bad value at 'training.epochs': expected a whole number, got 'forty'"), msg);
    }

    @Test
    void listWhereAMappingBelongsIsNamed() throws IOException {
        String msg = error(VALID.replace("data: {protocol: cifar-b1}", "data: [cifar-b1]"));
        assertTrue(msg.contains("bad value at 'data': expected a mapping of keys"), msg);
    }

    @Test
    void unknownKeyInsideAListElementIsNamedWithItsIndex() throws IOException {
        String msg = error(VALID.replace("{type: flip, p: 0.5}", "{type: flip, pp: 0.5}"));
        assertTrue(msg.contains("training.augment[0].pp: unknown key; did you mean 'p'?"), msg);
    }

    @Test
    void unknownTopLevelKeySuggestsTheRealOne() throws IOException {
        String msg = error(VALID + "seed: [1, 2]\n");
        assertTrue(msg.contains("seed: unknown key; did you mean 'seeds'?"), msg);
        assertTrue(msg.contains("Keys allowed here: [id, title, report"), "lists the keys of that level: " + msg);
    }

    @Test
    void unknownKeyFarFromEveryKeyIsNotGivenASuggestion() throws IOException {
        String msg = error(VALID + "colour: blue\n");
        assertTrue(msg.contains("colour: unknown key. Keys allowed here"), msg);
    }

    @Test
    void misspeltKeyInARunOverrideIsNamedWithTheRun() throws IOException {
        String msg = error(VALID.replace("{training.learning_rate: 0.1,", "{training.learningrate: 0.1,"));
        assertTrue(msg.contains("run 'fast'") && msg.contains("training.learningrate: unknown key; did you mean 'learning_rate'?"),
                msg);
    }

    @Test
    void aProblemOfTheBaseIsNotHiddenByARunThatSetsPartOfIt() throws IOException {
        String base = VALID.substring(0, VALID.indexOf("training:")) + "runs:\n  - {name: small, set: {training.batch_size: 5}}\n";
        String msg = error(base);
        assertTrue(msg.contains("training: is required"), msg);
        assertFalse(msg.contains("is missing"), "the run's partial training section is not checked on an invalid base: " + msg);
    }

    @Test
    void aKeyGivenTwiceIsNamedWithItsLine() throws IOException {
        String msg = error(VALID.replace("kind: train", "kind: train\nkind: train"));
        assertTrue(msg.contains("not valid YAML: the key 'kind' is given twice (line "), msg);
    }

    @Test
    void unknownNamesAreListedAllAtOnceWithTheAllowedOnes() throws IOException {
        String msg = error(VALID.replace("protocol: cifar-b1", "protocol: cifar-b7").replace("loss: mcxent", "loss: mcxnet")
                .replace("type: flip", "type: 3"));
        assertTrue(msg.contains("data.protocol: unknown value 'cifar-b7'; did you mean 'cifar-b1'? Expected one of [cifar-b1, "
                + "cifar-all-5k, cifar-all-1k, mnist-vu, mnist-vu-final, mnist-tdt, synthetic-ellipse]"), msg);
        assertTrue(msg.contains("network.layers[0].loss: unknown value 'mcxnet'; did you mean 'mcxent'?"), msg);
        assertTrue(msg.contains("training.augment[0].type: unknown value '3'. Expected one of [flip, gaussian, salt-pepper]"), msg);
    }

    @Test
    void everyProblemIsListedAtOnce() throws IOException {
        String msg = error(VALID.replace("batch_size: 100", "batchsize: 100").replace("  epochs: 40\n", ""));
        assertTrue(msg.contains("training.batchsize: unknown key") && msg.contains("training.epochs: is missing"), msg);
    }

    @Test
    void misspeltKeyInASearchSpecIsUnknownWithASuggestion() throws IOException {
        String yaml = SearchSpecLoaderTest.VALID.replace("max_candidates: 4", "max_candidate: 4");
        String msg = SpecFiles.loadError(SpecFiles.write(dir, "s.yaml", yaml), SearchSpecLoader::load);
        assertTrue(msg.contains("search.max_candidate: unknown key; did you mean 'max_candidates'?"), msg);
    }

    @Test
    void nearestKeyIgnoresCaseAndSeparatorsAndRefusesFarKeys() {
        List<String> keys = List.of("batch_size", "epochs", "learning_rate");
        assertEquals("batch_size", SpecKeys.nearest("batchSize", keys));
        assertEquals("batch_size", SpecKeys.nearest("batch-size", keys));
        assertEquals("epochs", SpecKeys.nearest("epoch", keys));
        assertEquals("learning_rate", SpecKeys.nearest("learnig_rate", keys));
        assertNull(SpecKeys.nearest("momentum", keys));
    }
}
