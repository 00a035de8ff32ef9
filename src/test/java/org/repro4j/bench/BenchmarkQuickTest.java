package org.repro4j.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.TestData;

/** A QUICK {@code repro bench} end to end (tagged full: it is a benchmark run, if a short one). */
@Tag("full")
class BenchmarkQuickTest {
    @TempDir
    Path tmp;

    @Test
    void quickRunWritesEveryTable() throws Exception {
        TestData.requireCifar();
        TestData.requireMnist();
        Path out = Benchmark.run(new Benchmark.Options(Path.of(""), TestData.dir(), tmp.resolve("bench.md"), true, false),
                new PrintStream(OutputStream.nullOutputStream()));
        String md = Files.readString(out);
        for (String needle : new String[] {"QUICK run", "## One training step", "## One epoch on the real data",
                "## The floor", "OPENBLAS_CORETYPE=", "vu-mlp-b1", "dd2424-softmax-b100-svm"}) {
            assertTrue(md.contains(needle), needle + " missing from:\n" + md);
        }
        for (BenchCase c : BenchCase.ALL) {
            assertTrue(md.lines().filter(l -> l.startsWith("| " + c.name() + " |")).count() == 3,
                    c.name() + " should have a row in the step, epoch and floor tables");
        }
    }
}
