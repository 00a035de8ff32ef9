package org.repro4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.ReproException;
import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.SpecLoader;

/** The report pages: one rendered from a page spec and summaries the test writes, and the shipped page specs. */
class ReportPagesTest {
    @TempDir
    Path dir;

    private static final String PAGE = """
            name: demo
            title: "Demo report: our reproduction"
            report: demo-a1
            intro: >
              What the report is.
            sections:
              - heading: "1 Training"
                text: >
                  Our words on the table.
                tables:
                  - experiment: exp-t
                    caption: "Table 1"
                    rows: ["lambda=1", "lambda=0"]
                    columns: [test_acc, test_loss, step_ms]
              - heading: "2 Figures"
                figures:
                  - {experiment: exp-t, file: curves.png, caption: "Loss per epoch"}
                  - {experiment: exp-t, file: weights.png, caption: "Never drawn"}
              - heading: "3 Every setting"
                tables:
                  - {experiment: exp-all, columns: [val_acc]}
              - heading: "4 Not run"
                tables:
                  - {experiment: exp-missing, columns: [test_acc]}
            """;

    private Path results() throws IOException {
        Path results = Files.createDirectories(dir.resolve("results"));
        Summary t = new Summary("exp-t", "T", "demo-a1", "Table 1");
        t.measure("test_acc.lambda=0", 0.4123, null, 1, 0.32, new double[] {0.40, 0.42}, null);
        t.measure("test_loss.lambda=0", 1.7114, null, 1, 2.02, null, null);
        t.measure("step_ms.lambda=0", 12.5, null, 1, null, null, null);
        t.measure("test_acc.lambda=1", 0.379, 0.002, 3, 0.37, new double[] {0.38, 0.39}, null);
        t.deviation("Three seeds;\nthe report gives one run.");
        t.write(Files.createDirectories(results.resolve("exp-t")).resolve(Summary.FILE_NAME));
        Files.write(results.resolve("exp-t/curves.png"), new byte[] {1});

        Summary all = new Summary("exp-all", "All", "demo-a1", "Table 2");
        all.measure("val_acc.b", 0.5, null, 1, null, null, null);
        all.measure("val_acc.a", 0.25, null, 1, null, null, null);
        all.write(Files.createDirectories(results.resolve("exp-all")).resolve(Summary.FILE_NAME));
        return results;
    }

    private String render() throws IOException {
        Path spec = Files.writeString(dir.resolve("demo.yaml"), PAGE);
        Path results = results();
        Path page = ReportPages.write(spec, results);
        assertEquals(results.resolve("demo.md"), page);
        return Files.readString(page);
    }

    @Test
    void thePageShowsOurValuesBesideTheReportsInTheSpecsOrder() throws IOException {
        String md = render();
        assertTrue(md.startsWith("# Demo report: our reproduction\n\nWhat the report is.\n\n"), md);
        assertTrue(md.contains("Report: `shared/reports/demo-a1.txt`."), md);
        assertTrue(md.contains("**Table 1**\n\n| setting | test_acc | test_loss | step_ms |\n|---|---|---|---|\n"), md);
        // Rows in the page spec's order (lambda=1 first), not the summary's.
        assertTrue(md.contains("| `lambda=1` | **37.90 ± 0.20% (n=3)**<br>report 37.00%<br>band [38.00%, 39.00%]: OUTSIDE"
                + " | - | - |\n| `lambda=0` | **41.23%**<br>report 32.00%<br>band [40.00%, 42.00%]: inside"
                + " | **1.711**<br>report 2.020 | 12.50 |\n"), md);
        assertTrue(md.contains("Deviations (`exp-t`):\n\n- Three seeds; the report gives one run.\n"), md);
        assertTrue(md.contains("Details: [`exp-t`](exp-t/README.md)"), md);
    }

    @Test
    void aSeedStudyAddsItsSummaryAtTheTopAndItsVerdictsUnderTheTable() throws IOException {
        Path spec = Files.writeString(dir.resolve("demo.yaml"), PAGE);
        Path results = results();
        Claim outside = Claim.judge("test_acc.lambda=0", new org.repro4j.spec.ReferenceSpec.Value(0.32, null,
                "the report's own 0.32 lies below faithful runs", 2), List.of(0.41, 0.412, 0.414));
        Claim inside = Claim.judge("test_acc.lambda=1", new org.repro4j.spec.ReferenceSpec.Value(0.37, null, null, 2),
                List.of(0.368, 0.372, 0.375));
        Claim elsewhere = Claim.judge("val_acc.lambda=1", new org.repro4j.spec.ReferenceSpec.Value(0.5, null, null, 1),
                List.of(0.1, 0.1));
        new StudyResult("exp-t", "T", "demo-a1", List.of(1L, 2L, 3L), null, List.of("initial weights"), 12.0, null, null,
                "a CPU, 2 cores", 30.0, "spec", "code", "2026-12-06T00:00:00Z", List.of(outside, inside, elsewhere))
                .write(Files.createDirectories(results.resolve("study/exp-t")));
        String md = Files.readString(ReportPages.write(spec, results));

        int summary = md.indexOf("## Reproducibility summary");
        assertTrue(summary > 0 && summary < md.indexOf("## 1 Training"), md);
        assertTrue(md.contains("**3 reported numbers** tested; **1 consistent** with the spread of faithful runs, 1 outside and"
                + " explained, 1 outside and unexplained"), md);
        assertTrue(md.contains("| [exp-t](exp-t/README.md) | 3 | 1 | 1 | 1 | 3 seeds; the seeds vary initial weights; 12 s of training |"), md);
        String table = md.substring(md.indexOf("**Table 1**"), md.indexOf("## 2 Figures"));
        assertTrue(table.contains("Seed study of `exp-t` (3 seeds; the seeds vary initial weights; 12 s of training):"), table);
        assertTrue(table.contains("| `test_acc.lambda=0` | 32% [31.5, 32.5)% | 3 | 41.200 ± 0.200% |"), table);
        assertTrue(table.contains("**outside, explained**") && table.contains("the report's own 0.32 lies below faithful runs"), table);
        assertTrue(table.contains("| `test_acc.lambda=1` |") && table.contains("| consistent |"), table);
        assertFalse(table.contains("val_acc.lambda=1"), "a number of no column of this table: " + table);
        assertTrue(table.contains("](study/exp-t/strips.png)"), table);
        assertTrue(Files.isRegularFile(results.resolve("study/exp-t/strips.png")));
        // What makes make study exit 1: the number outside without a note, in words naming it and the runs' interval.
        List<String> unexplained = StudyResult.readOrNull(results, "exp-t").unexplained();
        assertEquals(1, unexplained.size(), unexplained.toString());
        assertTrue(unexplained.get(0).startsWith("exp-t val_acc.lambda=1: the report's 50% [45.0, 55.0)% is outside the 95%"
                + " prediction interval [10.000%, 10.000%] of 2 runs"), unexplained.get(0));
    }

    @Test
    void sectionsComeInTheSpecsOrderWithTheirFiguresAndMissingExperiments() throws IOException {
        String md = render();
        int intro = md.indexOf("**Not run yet:** `exp-missing` (run `make <id>`).");
        int training = md.indexOf("## 1 Training\n\nOur words on the table.\n");
        int figures = md.indexOf("## 2 Figures\n");
        int every = md.indexOf("## 3 Every setting\n");
        int notRun = md.indexOf("## 4 Not run\n");
        assertTrue(intro > 0 && intro < training && training < figures && figures < every && every < notRun, md);
        assertTrue(md.contains("![Loss per epoch](exp-t/curves.png)\n\n*Loss per epoch*"), md);
        assertFalse(md.contains("Never drawn"), "a figure whose file is missing is left out: " + md);
        // No rows listed: every setting of the summary, in the summary's order.
        assertTrue(md.contains("| setting | val_acc |\n|---|---|\n| `b` | 50.00% |\n| `a` | 25.00% |\n"), md);
        assertTrue(md.substring(notRun).contains("*`exp-missing` has not been run yet.*"), md);
    }

    @Test
    void aPageSpecMustBeNamedAfterItsFileAndUseKnownKeys() throws IOException {
        Path wrongName = Files.writeString(dir.resolve("other.yaml"), PAGE);
        String m = assertThrows(ReproException.class, () -> ReportPages.load(wrongName)).getMessage();
        assertTrue(m.contains("name: must be 'other'") && m.contains("got 'demo'"), m);

        Path typo = Files.writeString(dir.resolve("demo.yaml"), PAGE.replace("columns: [val_acc]", "colums: [val_acc]"));
        m = assertThrows(ReproException.class, () -> ReportPages.load(typo)).getMessage();
        assertTrue(m.contains("colums") && m.contains(typo.toString()), m);

        m = assertThrows(ReproException.class, () -> ReportPages.load(dir.resolve("nope.yaml"))).getMessage();
        assertTrue(m.contains("No page spec at") && m.contains("experiments/pages"), m);
    }

    /**
     * Every shipped page spec loads, belongs to the report its experiments reproduce, and names
     * only experiments that exist, measures that the experiment's reference section or its
     * committed results/<id>/summary.json has, and figures that its committed results hold.
     */
    @Test
    void everyShippedPageSpecNamesExistingExperimentsMeasuresAndFigures() throws IOException {
        List<Path> pages;
        try (Stream<Path> files = Files.list(Path.of("experiments/pages"))) {
            pages = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(pages.size() >= 5, "found " + pages);
        List<String> problems = new ArrayList<>();
        for (Path file : pages) {
            ReportPageSpec page = ReportPages.load(file);
            assertFalse(page.sections().isEmpty(), file.toString());
            for (ReportPageSpec.Section section : page.sections()) {
                for (ReportPageSpec.Table table : section.tables()) {
                    String where = file + " table of " + table.experiment();
                    Set<String> keys = measures(table.experiment(), page.report(), where, problems);
                    if (keys == null) {
                        continue;
                    }
                    assertFalse(table.columns().isEmpty(), where);
                    for (String column : table.columns()) {
                        if (table.rows().isEmpty()) {
                            if (keys.stream().noneMatch(k -> k.equals(column) || k.startsWith(column + "."))) {
                                problems.add(where + ": no measure " + column + " or " + column + ".*");
                            }
                        }
                        for (String row : table.rows()) {
                            if (!keys.contains(column + "." + row)) {
                                problems.add(where + ": no measure " + column + "." + row);
                            }
                        }
                    }
                }
                for (ReportPageSpec.FigureRef figure : section.figures()) {
                    String where = file + " figure " + figure.experiment() + "/" + figure.file();
                    if (measures(figure.experiment(), page.report(), where, problems) != null
                            && !Files.isRegularFile(Path.of("results", figure.experiment(), figure.file()))) {
                        problems.add(where + ": not in results/" + figure.experiment());
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /**
     * The measure keys of an experiment's reference section and committed summary; null, and a
     * problem noted, when there is no such experiment.
     */
    private static Set<String> measures(String id, String report, String where, List<String> problems) {
        Path specFile = Path.of("experiments", id + ".yaml");
        if (!Files.isRegularFile(specFile)) {
            problems.add(where + ": no experiment " + specFile);
            return null;
        }
        ExperimentSpec spec = SpecLoader.load(specFile);
        if (!report.equals(spec.report())) {
            problems.add(where + ": the page is of report " + report + ", the experiment reproduces " + spec.report());
        }
        Set<String> keys = new TreeSet<>(spec.reference().measures().keySet());
        Path summary = Path.of("results", id, Summary.FILE_NAME);
        if (Files.isRegularFile(summary)) {
            Map<String, Measure> measured = Summary.read(summary).measures();
            keys.addAll(measured.keySet());
        }
        return keys;
    }
}
