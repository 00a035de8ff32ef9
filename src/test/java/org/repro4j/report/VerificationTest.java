package org.repro4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repro4j.report.Verification.BandVerdict;
import org.repro4j.report.Verification.Row;
import org.repro4j.report.Verification.Verdict;
import org.repro4j.spec.ToleranceSpec;

/** A run's summary against the published one: every verdict, the band verdicts, and what fails a run. */
class VerificationTest {
    private static Summary summary(String mode, Map<String, Double> values) {
        Summary s = new Summary("exp", "An experiment", "report", "Table 1");
        values.forEach((key, v) -> s.measure(key, v, null, 1, null,
                key.equals("test_acc.a") ? new double[] {0.40, 0.45} : key.equals("test_acc.b") ? new double[] {0.50, 0.60} : null,
                key.equals("test_acc.b") ? "the report's own code differs" : null));
        Provenance p = SummaryTest.provenance();
        s.provenance(new Provenance(p.specSha256(), p.seeds(), p.backend(), p.blasVendor(), p.nd4jEnvironment(),
                p.openblasCoretype(), p.ompNumThreads(), p.dl4jVersion(), p.javaVersion(), p.javaVendor(), p.os(), p.arch(),
                p.cpuModel(), p.cpuCores(), p.gitCommit(), p.gitDirty(), p.wallSeconds(), p.date(), p.jvmOptions(),
                new Provenance.Recipe(p.recipe().codeSha256(), mode, p.recipe().dataFiles(), p.recipe().trials())));
        return s;
    }

    private static final Map<String, Double> PUBLISHED = new java.util.LinkedHashMap<>();

    static {
        PUBLISHED.put("test_acc.a", 0.4210);
        PUBLISHED.put("test_acc.b", 0.4800);
        PUBLISHED.put("val_loss.a", 1.70);
        PUBLISHED.put("val_loss.c", 1.70);
        PUBLISHED.put("stop_epoch.a", 16.0);
        PUBLISHED.put("step_ms.a", 0.41);
        PUBLISHED.put("old_measure", 1.0);
    }

    @Test
    void eachMeasureGetsItsVerdict() {
        Map<String, Double> now = new java.util.LinkedHashMap<>(PUBLISHED);
        now.remove("old_measure");
        now.put("test_acc.b", 0.4830);       // 0.3 points: within 0.5
        now.put("val_loss.c", 1.80);         // 5.9%: beyond 2%
        now.put("step_ms.a", 0.93);          // timing
        now.put("new_measure", 3.0);
        Verification v = Verification.of(summary("full", PUBLISHED), summary("full", now), List.of());
        Map<String, Row> rows = new java.util.HashMap<>();
        v.rows().forEach(r -> rows.put(r.measure(), r));
        assertEquals(Verdict.IDENTICAL, rows.get("test_acc.a").verdict());
        assertEquals(Verdict.WITHIN, rows.get("test_acc.b").verdict());
        assertEquals(Verdict.IDENTICAL, rows.get("val_loss.a").verdict());
        assertEquals(Verdict.DRIFTED, rows.get("val_loss.c").verdict());
        assertEquals(Verdict.IDENTICAL, rows.get("stop_epoch.a").verdict());
        assertEquals(Verdict.TIMING, rows.get("step_ms.a").verdict());
        assertEquals(Verdict.UNPUBLISHED, rows.get("new_measure").verdict());
        assertEquals(Verdict.GONE, rows.get("old_measure").verdict());
        assertEquals(BandVerdict.INSIDE, rows.get("test_acc.a").bandVerdict());
        assertEquals(BandVerdict.EXPLAINED, rows.get("test_acc.b").bandVerdict(), "outside, with a note");
        assertEquals(BandVerdict.NONE, rows.get("val_loss.a").bandVerdict());

        // The failure names the experiment, the measure and both values.
        assertEquals(List.of("exp val_loss.c drifted: published 1.70000, now 1.80000 (+0.059 rel; tolerance 1% rel)"), v.failures());
    }

    @Test
    void aSpecTolerancePassesWhatTheDefaultWouldFail() {
        Map<String, Double> now = new java.util.LinkedHashMap<>(PUBLISHED);
        now.put("val_loss.c", 1.80);
        List<ToleranceSpec> widened = List.of(new ToleranceSpec("*.c", null, 0.1, null, "setting c is chaotic"));
        Verification v = Verification.of(summary("full", PUBLISHED), summary("full", now), widened);
        assertEquals(List.of(), v.failures());
    }

    @Test
    void aValueOutsideItsBandWithoutANoteFailsEvenWhenIdentical() {
        Map<String, Double> both = new java.util.LinkedHashMap<>(PUBLISHED);
        both.put("test_acc.a", 0.39);
        Verification v = Verification.of(summary("full", both), summary("full", both), List.of());
        assertEquals(List.of("exp test_acc.a = 39.000% is outside its band [40.000%, 45.000%] and its spec gives no explanation"
                + " (a note on that reference)"), v.failures());
    }

    @Test
    void nothingIsComparedWithoutAPublishedResultOrAcrossModes() {
        Verification none = Verification.of(null, summary("full", PUBLISHED), List.of());
        assertEquals("no published result", none.unavailable());
        assertTrue(none.rows().stream().allMatch(r -> r.verdict() == Verdict.UNPUBLISHED));
        String md = new VerifyTable("published", "this run", List.of(), List.of(summary("full", PUBLISHED)), List.of(none))
                .markdown(false);
        assertTrue(md.contains("- `exp`: nothing compared, no published result.")
                && md.contains("No measure had a published value to be compared with."), md);

        Map<String, Double> other = new java.util.LinkedHashMap<>(PUBLISHED);
        other.put("val_loss.c", 9.0);
        Verification modes = Verification.of(summary("full", PUBLISHED), summary("quick", other), List.of());
        assertEquals("the published result is a full run and this one a quick run", modes.unavailable());
        assertEquals(List.of(), modes.failures());
    }

    @Test
    void theTableCountsEveryVerdictAndListsOnlyWhatDiffers() {
        Map<String, Double> now = new java.util.LinkedHashMap<>(PUBLISHED);
        now.put("test_acc.b", 0.4830);
        Summary before = summary("full", PUBLISHED);
        Summary after = summary("full", now);
        VerifyTable table = new VerifyTable("published", "this run", List.of(before), List.of(after),
                List.of(Verification.of(before, after, List.of())));
        assertEquals("7 measures of 1 experiments: 5 identical, 1 within tolerance, 0 drifted, 1 timing (not compared)."
                + " Bands: 1 inside, 1 outside and explained, 0 outside without explanation.", table.counts());
        String md = table.markdown(false);
        assertTrue(md.contains("| exp | test_acc.b | 48.000% | 48.300% | +0.30 pts | 0.5 pts | within tolerance | outside, explained |"), md);
        assertTrue(!md.contains("| exp | test_acc.a |"), "identical rows are left out: " + md);
        assertTrue(table.markdown(true).contains("| exp | test_acc.a | 42.100% | 42.100% |"), "--all lists them");
        assertTrue(md.contains("| BLAS | OPENBLAS, core type SkylakeX | OPENBLAS, core type SkylakeX |"), md);
    }
}
