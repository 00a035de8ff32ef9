package org.repro4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.TestData;
import org.repro4j.report.Claim;
import org.repro4j.report.ResultsIndex;
import org.repro4j.report.StudyResult;
import org.repro4j.report.Summary;
import picocli.CommandLine;

/** A short seed study from the command line: three seeds of the TDT4265 shuffling experiment (a few seconds). */
class StudyCommandTest {
    @TempDir
    Path dir;

    @Test
    void aShortStudyJudgesEveryReportedNumber() throws Exception {
        TestData.requireMnist();
        // The experiment's results from an earlier run, so that the results index has a row whose seed-study column the
        // study fills in.
        new Summary("tdt-t2-shuffle", "Shuffling", "tdt4265-a1", "Task 2")
                .write(Files.createDirectories(dir.resolve("tdt-t2-shuffle")).resolve(Summary.FILE_NAME));
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cli = new CommandLine(new Repro());
            cli.setErr(new PrintWriter(err));
            code = Repro.execute(cli, "study", "--seeds", "3", "--results", dir.toString(), "--data-dir", TestData.dir().toString(),
                    "tdt-t2-shuffle");
        } finally {
            System.setOut(stdout);
        }
        String log = out.toString(StandardCharsets.UTF_8);
        // Three shuffling seeds stop at epochs 24-30; the report's 16 is outside their range, and the spec's note explains it,
        // so nothing is outside unexplained and the study passes.
        assertEquals(0, code, log + err);
        assertTrue(log.contains("tdt-t2-shuffle: 6 numbers, 5 consistent, 1 outside explained, 0 outside unexplained"), log);

        StudyResult study = StudyResult.readOrNull(dir, "tdt-t2-shuffle");
        assertEquals(java.util.List.of(1L, 2L, 3L), study.seeds());
        assertEquals(6, study.claims().size(), "every number of the spec's reference section");
        // Two settings x three seeds, trained by this command or (after an earlier run on this machine) taken from the store.
        assertEquals(6, study.trialsTrained() + study.trialsFromStore(), study.toString());
        assertEquals(java.util.List.of("no shuffle: nothing (every seed gives the same run)", "shuffle: batch order"),
                study.randomness());
        Claim noShuffle = study.claims().stream().filter(c -> c.measure().equals("stop_epoch.no shuffle")).findFirst().orElseThrow();
        assertEquals(java.util.List.of(33.0, 33.0, 33.0), noShuffle.values(), "the seed changes nothing without shuffling");
        assertEquals(Claim.Verdict.CONSISTENT, noShuffle.verdict());
        assertTrue(Files.size(dir.resolve("study/tdt-t2-shuffle/strips.png")) > 1000);
        String index = Files.readString(dir.resolve("study/README.md"));
        assertTrue(index.contains("| [tdt-t2-shuffle](../tdt-t2-shuffle/README.md) | 6 | 5 | 1 | 0 |"), index);
        assertTrue(index.contains("**outside, explained**") && index.contains("The stop depends on the shuffled order."), index);
        // The results index is rewritten by the study itself, not only by the next run.
        String results = Files.readString(dir.resolve(ResultsIndex.FILE_NAME));
        assertTrue(results.contains("| [tdt-t2-shuffle](tdt-t2-shuffle/) | Shuffling |")
                && results.contains("| 5 of 6 consistent, 1 outside explained (3 seeds) |"), results);
        Claim stop = study.claims().stream().filter(c -> c.measure().equals("stop_epoch.shuffle")).findFirst().orElseThrow();
        assertEquals(Claim.Verdict.EXPLAINED, stop.verdict());
        assertEquals(0.0, stop.percentile(), "below every run");
    }

    @Test
    void aStudyNeedsTwoSeedsAndExperimentsWithReportNumbers() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Repro());
        cli.setErr(new PrintWriter(err));
        assertEquals(2, Repro.execute(cli, "study", "--seeds", "1", "tdt-t2-shuffle"));
        assertTrue(err.toString().contains("--seeds must be at least 2"), err.toString());

        StringWriter err2 = new StringWriter();
        CommandLine cli2 = new CommandLine(new Repro());
        cli2.setErr(new PrintWriter(err2));
        assertEquals(2, Repro.execute(cli2, "study", "--results", "target/unused-study", "dd2424-gradcheck"));
        assertTrue(err2.toString().contains("nothing to study"), err2.toString());
    }
}
