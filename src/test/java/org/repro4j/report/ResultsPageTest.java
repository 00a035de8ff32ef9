package org.repro4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsPageTest {
    @TempDir
    Path dir;

    @Test
    void pageShowsValuesVerdictsDeviationsFiguresAndProvenance() throws Exception {
        Path readme = dir.resolve(ResultsPage.FILE_NAME);
        ResultsPage.write(readme, SummaryTest.sample(),
                List.of(new ResultsPage.Figure("curves.png", "Loss per epoch for the four settings")),
                "45,000 training images, 5,000 validation images, 40 epochs of mini-batch GD.");
        String md = Files.readString(readme);

        assertTrue(md.startsWith("# Four settings of a softmax classifier\n"), md);
        assertTrue(md.contains("Table 1") && md.contains("`dd2424-a1-abadi.txt`"), md);
        assertTrue(md.contains("45,000 training images"), md);
        assertTrue(md.contains("| measure | ours | report | band | |"), md);
        assertTrue(md.contains("| `test_acc.lambda=0.1,eta=0.001` (headline) | 41.02 ± 0.31% (n=5) | 41.00% "
                + "| [40.00%, 42.00%] | inside |"), md);
        assertTrue(md.contains("| `test_acc.lambda=0,eta=0.001` | 41.00% | 32.00% | [26.00%, 30.00%] | OUTSIDE |"),
                md);
        assertFalse(md.contains("| `test_loss.lambda=0,eta=0.1` |"), "no report value: not in the comparison table");
        assertTrue(md.contains("| setting |") && md.contains("test_loss |"), "matrix of all measures: " + md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| `lambda=0,eta=0.1` |") && l.contains("5.123")), md);
        assertTrue(md.contains("- `test_acc.lambda=0,eta=0.001`: the report's value is low"), md);
        assertTrue(md.contains("We use 5 seeds; the report used one."), md);
        assertTrue(md.contains("![Loss per epoch for the four settings](curves.png)"), md);
        assertTrue(md.contains("`0123456789abcdef0123456789abcdef01234567` with uncommitted changes"), md);
        assertTrue(md.contains("| date | 2025-01-02T03:04:05Z |"), md);
        assertTrue(md.contains("| time | 123.5 s of work |"), md);
        assertTrue(md.contains("| seeds | 1, 2, 3 |"), md);
        assertTrue(md.contains("ab".repeat(32)), md);
        assertTrue(md.contains("CpuBackend") && md.contains("OPENBLAS, 1 BLAS threads, 1 OpenMP threads"), md);
        assertTrue(md.contains("17.0.15 (Debian)"), md);
    }

    @Test
    void numberFormats() {
        assertEquals("41.02%", Formats.value("val_acc.x", 0.41023));
        assertEquals("41.02%", Formats.value("accuracy", 0.41023));
        assertEquals("0.2700", Formats.value("test_loss.lambda=0.1,eta=0.001", 0.27));
        assertEquals("1.235e-09", Formats.value("max_abs_diff.W", 1.2345e-9));
        assertEquals("33", Formats.value("stop_epoch", 33));
        assertEquals("NaN", Formats.value("test_loss", Double.NaN));
        assertEquals("0.2700 ± 0.0031 (n=3)", Formats.ours("test_loss", new Measure(0.27, 0.0031, 3, null, null, null)));
        assertEquals("0.2700 (n=3)", Formats.ours("test_loss", new Measure(0.27, null, 3, null, null, null)));
        assertEquals("a \\| b", Formats.cell("a | b"));
    }

    @Test
    void pageWithoutProvenanceOrFiguresSaysSo() throws Exception {
        Summary s = new Summary("x", "X", "r.txt", "Figure 3");
        Path readme = dir.resolve("README.md");
        ResultsPage.write(readme, s, List.of(), "p");
        String md = Files.readString(readme);
        assertTrue(md.contains("No measures were recorded."), md);
        assertTrue(md.contains("None known."), md);
        assertTrue(md.contains("## Provenance\n\nNot recorded."), md);
    }
}
