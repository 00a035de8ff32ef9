package org.repro4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.TestData;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchCommandTest {
    @TempDir
    Path tmp;

    private static int run(StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new Repro());
        cli.setErr(new PrintWriter(err));
        return Repro.execute(cli, args);
    }

    @Test
    void quickShippedRandomSearchWritesItsResults() {
        Path data = TestData.requireMnist();
        StringWriter err = new StringWriter();
        int code = run(err, "search", "--quick", "--data-dir", data.toString(), "--results", tmp.toString(), "tdt-softmax-random");
        assertEquals(0, code, err.toString());
        Path out = tmp.resolve("tdt-softmax-random");
        for (String f : new String[]{"README.md", "summary.json", "candidates.csv", "score-vs-learning_rate.png", "score-vs-lambda.png"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
    }

    @Test
    void unknownSearchIsAClearError() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "search", "no-such-search"));
        assertTrue(err.toString().contains("No search spec at") && err.toString().contains("experiments/search"), err.toString());
    }

    @Test
    void backendCheckReportsTheCpuBuild() {
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "backend", "--check-only"), err.toString());
    }
}
