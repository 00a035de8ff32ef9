package org.repro4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.ChildJvm;
import org.repro4j.Git;
import org.repro4j.TestData;

/**
 * What a user meets on a fresh clone, in child JVMs as {@code bin/repro} runs: committed results are a
 * reference, never a reason to skip, so the clone trains its trials again (its trial store is empty)
 * and compares them with the committed ones; a second run takes them from this machine's trial store;
 * a tampered published value is reported as drifted and fails the run; {@code repro status} tells
 * current from stale results; {@code repro diff} compares folders and revisions. Two experiments: a
 * QUICK training (the determinism test's spec) and the VU derivatives (a full run that trains nothing).
 */
class ReproduceFromCloneTest {
    @TempDir
    Path tmp;

    @Test
    void aFreshCloneRerunsAndVerifiesAgainstWhatWasCommitted() throws IOException {
        assumeTrue(Git.exitCode(tmp, "--version") == 0, "git is not installed");
        TestData.requireCifar();
        Path origin = Files.createDirectories(tmp.resolve("origin/experiments")).getParent();
        Files.writeString(origin.resolve("experiments/quick-exp.yaml"), DeterminismTest.SPEC.formatted("quick-exp", 1));
        Files.copy(Path.of("experiments/vu-q3.yaml"), origin.resolve("experiments/vu-q3.yaml"));
        ChildJvm atOrigin = ChildJvm.withHome(origin);
        ok(atOrigin.repro("run", "--quick", "--results", "results", "quick-exp"));
        ok(atOrigin.repro("run", "vu-q3"));
        Git.run(origin, "init", "-q");
        Git.run(origin, "add", "experiments", "results");
        Git.run(origin, "commit", "-q", "-m", "published results");
        Path clone = tmp.resolve("clone");
        Git.run(tmp, "clone", "-q", origin.toString(), clone.toString());
        ChildJvm atClone = ChildJvm.withHome(clone);

        // Status: vu-q3's committed result is a full run of today's spec and code; quick-exp's is a QUICK run.
        ChildJvm.Result current = ok(atClone.repro("status", "vu-q3"));
        assertTrue(current.out().contains("current") && current.out().contains("computes it (no training)"), current.describe());
        ChildJvm.Result stale = atClone.repro("status", "quick-exp", "vu-q3");
        assertEquals(1, stale.exitCode(), stale.describe());
        assertTrue(stale.out().contains("STALE: a quick run") && stale.out().contains("trains 1 of 1 trials"), stale.describe());

        // The clone trains (nothing is in its trial store), and its QUICK result equals the committed one.
        ChildJvm.Result rerun = ok(atClone.repro("run", "--quick", "--results", "results", "--against", "HEAD", "quick-exp"));
        assertFalse(rerun.out().contains("taken from the trial store"), rerun.describe());
        assertTrue(rerun.out().contains("Verified: ") && rerun.out().contains("0 drifted"), rerun.describe());
        assertTrue(rerun.out().contains("Every compared measure is identical"), rerun.describe());
        assertTrue(Files.readString(clone.resolve("results/VERIFY.md")).contains("0 drifted"));
        ChildJvm.Result again = ok(atClone.repro("run", "--quick", "--results", "again", "--against", "results", "quick-exp"));
        assertTrue(again.out().contains("taken from the trial store"), again.describe());

        // Two runs of the same trials: the same measures, and no provenance difference but date and wall time.
        ChildJvm.Result same = ok(atClone.repro("diff", "results", "again"));
        assertTrue(same.out().contains("Provenance: no difference"), same.describe());

        // A published value that the code does not produce is drifted: the run says where and fails.
        Path summary = clone.resolve("results/vu-q3/summary.json");
        Files.writeString(summary, Files.readString(summary).replaceFirst("\"measured\" : 0\\.6931471805599453", "\"measured\" : 0.75"));
        Git.run(clone, "commit", "-q", "-am", "tampered");
        ChildJvm.Result tampered = atClone.repro("run", "vu-q3");
        assertEquals(1, tampered.exitCode(), tampered.describe());
        assertTrue(tampered.out().contains("FAIL vu-q3 loss drifted: published 0.750000, now 0.693147"), tampered.describe());
        assertTrue(Files.readString(clone.resolve("results/VERIFY.md")).contains("| vu-q3 | loss | 0.750000 | 0.693147 |"));

        // The same between two revisions.
        ChildJvm.Result revisions = atClone.repro("diff", "HEAD~1", "HEAD", "vu-q3");
        assertEquals(1, revisions.exitCode(), revisions.describe());
        assertTrue(revisions.out().contains("| vu-q3 | loss | 0.693147 | 0.750000 |"), revisions.describe());
    }

    private static ChildJvm.Result ok(ChildJvm.Result r) {
        assertEquals(0, r.exitCode(), r.describe());
        return r;
    }
}
