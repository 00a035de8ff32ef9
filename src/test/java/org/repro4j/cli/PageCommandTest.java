package org.repro4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.report.Claim;
import org.repro4j.report.ResultsIndex;
import org.repro4j.report.StudyResult;
import org.repro4j.report.Summary;
import org.repro4j.spec.ReferenceSpec;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code repro page}: which page specs it renders, where it writes them, and its exit codes. */
class PageCommandTest {
    @TempDir
    Path dir;

    private Path pages;
    private Path results;

    private void setUp() throws IOException {
        pages = Files.createDirectories(dir.resolve("pages"));
        results = Files.createDirectories(dir.resolve("results"));
        for (String name : new String[] {"first", "second"}) {
            Files.writeString(pages.resolve(name + ".yaml"), """
                    name: %s
                    title: "Page %s"
                    report: demo-a1
                    sections:
                      - heading: "Only section"
                        tables:
                          - {experiment: exp-t, columns: [test_acc]}
                    """.formatted(name, name));
        }
        Summary s = new Summary("exp-t", "T", "demo-a1", "Table 1");
        s.measure("test_acc.x", 0.5, null, 1, 0.25, null, null);
        s.write(Files.createDirectories(results.resolve("exp-t")).resolve(Summary.FILE_NAME));
    }

    private int page(StringWriter err, String... names) {
        String[] args = new String[names.length + 2];
        args[0] = "--results";
        args[1] = results.toString();
        System.arraycopy(names, 0, args, 2, names.length);
        CommandLine cli = new CommandLine(new PageCommand(pages));
        cli.setErr(new PrintWriter(err, true));
        return Repro.execute(cli, args);
    }

    @Test
    void aNamedPageIsWrittenIntoTheResultsFolder() throws IOException {
        setUp();
        assertEquals(0, page(new StringWriter(), "second"));
        String md = Files.readString(results.resolve("second.md"));
        assertTrue(md.startsWith("# Page second\n"), md);
        assertTrue(md.contains("| `x` | **50.00%**<br>report 25.00% |"), md);
        assertFalse(Files.exists(results.resolve("first.md")), "only the named page");
    }

    @Test
    void withoutNamesEveryPageSpecIsWritten() throws IOException {
        setUp();
        assertEquals(0, page(new StringWriter()));
        assertTrue(Files.readString(results.resolve("first.md")).startsWith("# Page first\n"));
        assertTrue(Files.readString(results.resolve("second.md")).startsWith("# Page second\n"));
    }

    @Test
    void theResultsIndexShowsAStudyWrittenSinceTheLastRun() throws IOException {
        setUp();
        assertEquals(0, page(new StringWriter(), "first"));
        assertTrue(Files.readString(results.resolve(ResultsIndex.FILE_NAME)).contains("| [exp-t](exp-t/) | T |"));
        assertTrue(Files.readString(results.resolve(ResultsIndex.FILE_NAME)).contains(" | - | - |\n"), "no study yet");

        Claim inside = Claim.judge("test_acc.x", new ReferenceSpec.Value(0.5, null, null, 2), List.of(0.49, 0.5, 0.51));
        Claim outside = Claim.judge("test_loss.x", new ReferenceSpec.Value(2.0, null, null, 1), List.of(1.0, 1.01, 1.02));
        new StudyResult("exp-t", "T", "demo-a1", List.of(1L, 2L, 3L), null, List.of("initial weights"), 12.0, 3, 0,
                "a CPU, 2 cores", 30.0, "spec", "code", "2026-12-06T00:00:00Z", List.of(inside, outside))
                .write(Files.createDirectories(results.resolve("study/exp-t")));
        assertEquals(0, page(new StringWriter(), "first"));
        String index = Files.readString(results.resolve(ResultsIndex.FILE_NAME));
        assertTrue(index.contains("| 1 of 2 consistent, **1 OUTSIDE unexplained** (3 seeds) |"), index);
    }

    @Test
    void anUnknownPageIsABadInputError() throws IOException {
        setUp();
        StringWriter err = new StringWriter();
        assertEquals(2, page(err, "third"));
        assertTrue(err.toString().contains("No page spec at " + pages.resolve("third.yaml")), err.toString());
        assertFalse(Files.exists(results.resolve("third.md")));
    }
}
