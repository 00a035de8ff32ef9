package org.repro4j.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a spec says for the seed study: the precision of each reported number, and its study's seeds. */
class StudySpecTest {
    @TempDir
    Path dir;

    private ExperimentSpec load(String measures, String extra) throws IOException {
        String yaml = SpecLoaderTest.VALID.replace("    test_acc.fast: {value: 0.28, band: [0.26, 0.30]}",
                measures) + extra;
        return SpecLoader.load(SpecFiles.write(dir, "t.yaml", yaml));
    }

    private String error(String measures, String extra) throws IOException {
        String yaml = SpecLoaderTest.VALID.replace("    test_acc.fast: {value: 0.28, band: [0.26, 0.30]}",
                measures) + extra;
        return SpecFiles.loadError(SpecFiles.write(dir, "t.yaml", yaml), SpecLoader::load);
    }

    @Test
    void thePrintedPrecisionComesFromHowTheValueIsWritten() throws IOException {
        ExperimentSpec s = load("""
                    test_acc.fast: {value: 0.41}
                    test_loss.fast: {value: "1.80"}
                    stop_epoch.fast: {value: 16}
                    test_cost.fast: {value: 0.41, printed: 4}
                    train_acc.fast: {value: 5.12e-9}
                    val_acc.fast: {band: [0.1, 0.2]}
                """, "");
        var m = s.reference().measures();
        assertEquals(2, m.get("test_acc.fast").printed());
        assertEquals(0.405, m.get("test_acc.fast").printedInterval()[0], 1e-15);
        assertEquals(0.415, m.get("test_acc.fast").printedInterval()[1], 1e-15);
        assertEquals(2, m.get("test_loss.fast").printed(), "a quoted value keeps its trailing zero");
        assertEquals(1.80, m.get("test_loss.fast").value());
        assertEquals(0, m.get("stop_epoch.fast").printed());
        assertEquals(15.5, m.get("stop_epoch.fast").printedInterval()[0]);
        assertEquals(4, m.get("test_cost.fast").printed(), "printed: says it outright");
        assertEquals(11, m.get("train_acc.fast").printed(), "5.12e-9 is 0.00000000512");
        assertNull(m.get("val_acc.fast").printed());
        assertNull(m.get("val_acc.fast").printedInterval());
        assertEquals(java.util.List.of("test_acc.fast", "test_loss.fast", "stop_epoch.fast", "test_cost.fast", "train_acc.fast",
                "val_acc.fast"), java.util.List.copyOf(m.keySet()), "the spec's order");
    }

    @Test
    void aDoublesFullPrintoutIsReadToTwelveSignificantDigits() throws IOException {
        ExperimentSpec s = load("    test_acc.fast: {value: 0.28}\n    train_loss.fast: {value: 0.07088705555893647}\n", "");
        ReferenceSpec.Value v = s.reference().measures().get("train_loss.fast");
        assertEquals(17, v.printed());
        double[] interval = v.printedInterval();
        // 12 significant digits of 0.0708870555589...: half a unit of the 13th decimal.
        assertEquals(5e-14, (interval[1] - interval[0]) / 2, 1e-17); // the subtraction rounds at 1e-18
        assertTrue(interval[0] < 0.07088705555893646 && 0.07088705555893646 < interval[1], "one unit of the 17th digit apart");
    }

    @Test
    void badValuesAndStudiesAreRefusedWithTheKey() throws IOException {
        String m = error("    test_acc.fast: {value: \"forty\"}\n", "");
        assertTrue(m.contains("reference.measures.test_acc.fast") && m.contains("'forty' is not a number"), m);
        m = error("    test_acc.fast: {printed: 2}\n", "");
        assertTrue(m.contains("reference.measures.test_acc.fast.printed") && m.contains("no value"), m);
        m = error("    test_acc.fast: {value: 0.28}\n", "study: {seeds: 1, reason: because}\n");
        assertTrue(m.contains("study.seeds") && m.contains("at least 2"), m);
        m = error("    test_acc.fast: {value: 0.28}\n", "study: {seeds: 5}\n");
        assertTrue(m.contains("study.reason") && m.contains("is required"), m);
    }

    @Test
    void aStudyIsTheSpecsOwnNotInheritedThroughExtends() throws IOException {
        ExperimentSpec base = load("    test_acc.fast: {value: 0.28}\n", "study: {seeds: 5, reason: a trial takes minutes}\n");
        assertEquals(5, StudySpec.seedsOf(base));
        Path child = dir.resolve("child.yaml");
        Files.writeString(child, "extends: t\nid: child\n");
        assertNull(SpecLoader.load(child).study());
        assertEquals(StudySpec.DEFAULT_SEEDS, StudySpec.seedsOf(SpecLoader.load(child)));
    }
}
