package org.repro4j.cli;

import org.repro4j.report.PublishedResults;
import org.repro4j.report.Summary;
import org.repro4j.report.Verification;
import org.repro4j.report.VerifyTable;
import org.repro4j.spec.ResolvedExperiment;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of every {@code repro run}: each measure of the experiments it ran against the published
 * value ({@code HEAD:results/}, or {@code --against}), printed and written as {@code VERIFY.md} in the
 * run's results folder. A measure drifted beyond its tolerance, or outside its band with no
 * explanation in its spec, fails the run.
 */
final class RunVerification {
    static final String FILE_NAME = "VERIFY.md";

    private RunVerification() {
    }

    /**
     * @param against a folder of results or a git revision; null for the published results ({@code HEAD})
     * @return the failures, one line each (empty when the run verified)
     */
    static List<String> verify(List<ResolvedExperiment> ran, Path resultsRoot, String against, boolean all, PrintStream out) {
        Path home = Repro.home();
        PublishedResults published = against != null ? PublishedResults.of(against, home) : PublishedResults.head(home);
        List<Summary> before = new ArrayList<>();
        List<Summary> now = new ArrayList<>();
        List<Verification> verifications = new ArrayList<>();
        for (ResolvedExperiment experiment : ran) {
            Summary after = Summary.read(resultsRoot.resolve(experiment.id()).resolve(Summary.FILE_NAME));
            Summary old = published == null ? null : published.summary(experiment.id());
            now.add(after);
            if (old != null) {
                before.add(old);
            }
            verifications.add(Verification.of(old, after, experiment.spec().tolerances()));
        }
        String source = published == null ? "no published results (" + home + " is not a git checkout; --against DIR names a folder)"
                : (against == null ? "the published results, " : "") + published.describe();
        VerifyTable table = new VerifyTable("published", "this run", before, now, verifications);
        out.println("\n== Verification against " + source);
        out.print(table.markdown(all));
        Path file = resultsRoot.resolve(FILE_NAME);
        table.write(file, "Verification of the last run",
                "`repro run` of " + ran.size() + " experiment" + (ran.size() == 1 ? "" : "s") + ", finished "
                        + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS) + ", against " + source + ". Every run writes"
                        + " this file; `--all` lists every measure. How values are compared: the README, \"Verifying a run\".",
                all);
        List<String> failures = table.failures();
        failures.forEach(f -> out.println("FAIL " + f));
        out.println((failures.isEmpty() ? "Verified" : "NOT verified") + ": " + table.counts() + " Written to " + file);
        return failures;
    }
}
