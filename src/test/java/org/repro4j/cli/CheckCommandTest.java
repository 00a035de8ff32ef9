package org.repro4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.report.Summary;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code repro check}, the gate of {@code make verify-dd2424}, on experiments and results folders
 * the test writes: exit 0 when every banded measure is inside its band or explained by a note, 1
 * when one is outside without a note or an experiment has no results.
 */
class CheckCommandTest {
    @TempDir
    Path dir;

    private Path experiments;
    private Path results;

    private record Result(int code, String out, String err) {
    }

    /** A valid train spec {@code <id>.yaml} with one banded reference measure, test_acc.fast in [0.26, 0.30]. */
    private void spec(String id) throws IOException {
        experiments = Files.createDirectories(dir.resolve("experiments"));
        Files.writeString(experiments.resolve(id + ".yaml"), """
                id: %s
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
                training: {learning_rate: 0.001, batch_size: 100, epochs: 40}
                reference:
                  headline: test_acc.fast
                  measures:
                    test_acc.fast: {value: 0.28, band: [0.26, 0.30]}
                """.formatted(id));
    }

    /** results/<id>/summary.json with test_acc.fast = measured in [0.26, 0.30], and an unbanded train_loss. */
    private void summary(String id, double measured, String note) throws IOException {
        Summary s = new Summary(id, "A test experiment", "dd2424-a1-hagglund", "Table 1");
        s.measure("test_acc.fast", measured, null, 1, 0.28, new double[]{0.26, 0.30}, note);
        s.measure("train_loss.fast", 99.0, null, 1, 1.5, null, null);
        s.headline("test_acc.fast");
        results = dir.resolve("results");
        s.write(Files.createDirectories(results.resolve(id)).resolve(Summary.FILE_NAME));
    }

    private Result check(String... prefixes) {
        String[] args = new String[prefixes.length + 2];
        args[0] = "--results";
        args[1] = (results != null ? results : dir.resolve("results")).toString();
        System.arraycopy(prefixes, 0, args, 2, prefixes.length);
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new CheckCommand(experiments));
        cli.setErr(new PrintWriter(err));
        // CheckCommand prints its table to System.out.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Repro.execute(cli, args);
        } finally {
            System.setOut(saved);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    @Test
    void aMeasureInsideItsBandPasses() throws IOException {
        spec("exp-a");
        summary("exp-a", 0.27, null);
        Result r = check();
        assertEquals(0, r.code, r.out + r.err);
        assertTrue(r.out.contains("inside     exp-a test_acc.fast = 0.2700, band [0.2600, 0.3000]"), r.out);
        assertTrue(r.out.contains("1 banded measures checked, 0 problems"), "the unbanded loss is not counted: " + r.out);
        assertFalse(r.out.contains("FAIL"), r.out);
    }

    @Test
    void quickResultsAreRefusedEvenInsideTheirBands() throws IOException {
        spec("exp-a");
        summary("exp-a", 0.27, null);
        Summary s = Summary.read(results.resolve("exp-a").resolve(Summary.FILE_NAME));
        s.provenance(new org.repro4j.report.Provenance("ab".repeat(32), java.util.List.of(1L), "b", "BLAS", java.util.Map.of(),
                null, null, "1.0.0-M2.1", "17", "v", "os", "amd64", "cpu", 2, null, null, 1.0, "2026-01-01T00:00:00Z",
                java.util.List.of(), new org.repro4j.report.Provenance.Recipe("cd".repeat(32), "quick", null, null)));
        s.write(results.resolve("exp-a").resolve(Summary.FILE_NAME));
        Result r = check();
        assertEquals(1, r.code, r.out + r.err);
        assertTrue(r.out.contains("exp-a: the results in ") && r.out.contains("are from a QUICK run"), r.out);
    }

    @Test
    void theBandsBoundsAreInside() throws IOException {
        spec("exp-a");
        summary("exp-a", 0.30, null);
        assertEquals(0, check().code);
    }

    @Test
    void aMeasureOutsideItsBandWithoutANoteFails() throws IOException {
        spec("exp-a");
        summary("exp-a", 0.25, null);
        Result r = check();
        assertEquals(1, r.code, r.out + r.err);
        assertTrue(r.out.contains("FAIL       OUTSIDE exp-a test_acc.fast = 0.2500, band [0.2600, 0.3000]"), r.out);
        assertTrue(r.out.contains("no explanation"), r.out);
        assertTrue(r.out.contains("1 banded measures checked, 1 problems"), r.out);
    }

    @Test
    void aMeasureOutsideItsBandWithAReferenceNoteIsExplained() throws IOException {
        spec("exp-a");
        summary("exp-a", 0.32, "  the report's run was shorter  ");
        Result r = check();
        assertEquals(0, r.code, r.out + r.err);
        assertTrue(r.out.contains("explained  exp-a test_acc.fast = 0.3200, band [0.2600, 0.3000]: the report's run was shorter"),
                r.out);
        assertFalse(r.out.contains("FAIL"), r.out);
    }

    @Test
    void anExperimentWithoutResultsFails() throws IOException {
        spec("exp-a");
        spec("exp-b");
        summary("exp-a", 0.27, null);
        Result r = check();
        assertEquals(1, r.code, r.out + r.err);
        assertTrue(r.out.contains("FAIL       exp-b: no results (run make exp-b)"), r.out);
        assertTrue(r.out.contains("1 banded measures checked, 1 problems"), r.out);
    }

    @Test
    void prefixesLimitTheCheckToTheirExperiments() throws IOException {
        spec("exp-a");
        spec("other-b");
        summary("exp-a", 0.27, null);
        assertEquals(0, check("exp-").code, "other-b has no results but is not asked for");
        assertEquals(1, check("other-").code);
    }

    @Test
    void anIdSelectsOnlyThatExperimentNotTheIdsItStarts() throws IOException {
        spec("exp-a");
        spec("exp-ab");
        summary("exp-a", 0.27, null);
        Result r = check("exp-a");
        assertEquals(0, r.code, "exp-ab has no results but is not asked for: " + r.out + r.err);
        assertTrue(r.out.contains("1 banded measures checked, 0 problems"), r.out);
        assertEquals(1, check("exp-").code, "a prefix that is no id still selects exp-ab");
    }

    @Test
    void anArgumentThatSelectsNoExperimentFails() throws IOException {
        spec("exp-a");
        summary("exp-a", 0.27, null);
        Result r = check("exp-a", "exp-typo");
        assertEquals(1, r.code, r.out + r.err);
        assertTrue(r.out.contains("FAIL       'exp-typo' is not an experiment id or the start of one"), r.out);
        assertTrue(r.out.contains("1 banded measures checked, 1 problems"), r.out);
    }

    @Test
    void anExperimentNamedByIdWithNothingBandedFails() throws IOException {
        spec("exp-a");
        Summary s = new Summary("exp-a", "A test experiment", "dd2424-a1-hagglund", "Table 1");
        s.measure("train_loss.fast", 1.4, null, 1, 1.5, null, null);
        results = dir.resolve("results");
        s.write(Files.createDirectories(results.resolve("exp-a")).resolve(Summary.FILE_NAME));
        Result r = check("exp-a");
        assertEquals(1, r.code, r.out + r.err);
        assertTrue(r.out.contains("FAIL       exp-a: no measure with a band"), r.out);
        assertEquals(0, check("exp-").code, "a prefix may select experiments without bands (figures)");
    }

    @Test
    void strictDoesNotTakeANoteAsAnExcuse() throws IOException {
        spec("exp-a");
        summary("exp-a", 0.32, "how the band was chosen");
        Result r = check("--strict", "exp-a");
        assertEquals(1, r.code, r.out + r.err);
        assertTrue(r.out.contains("FAIL       OUTSIDE exp-a test_acc.fast = 0.3200, band [0.2600, 0.3000] (--strict"), r.out);
        summary("exp-a", 0.27, "how the band was chosen");
        assertEquals(0, check("--strict", "exp-a").code, "inside its band, note or not");
    }
}
