package org.repro4j.cli;

import org.repro4j.report.ProvenanceDiff;
import org.repro4j.report.PublishedResults;
import org.repro4j.report.Summary;
import org.repro4j.report.Verification;
import org.repro4j.report.VerifyTable;
import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.ToleranceSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code repro diff A B}: two sets of results (folders or git revisions) side by side, measure by
 * measure with the tolerances of today's specs, then what differs in each experiment's provenance,
 * dates and wall times left out.
 */
@Command(name = "diff", description = {"Compares two sets of results, each a folder holding <id>/summary.json or a git",
        "revision (its results/): the measure table with tolerances and verdicts, then the provenance differences",
        "(dates and wall times left out). Exit 1 when a measure drifted beyond its tolerance."})
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A", description = "The results compared with (folder or git revision, e.g. HEAD~1)")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "The results compared (folder or git revision, e.g. results)")
    String b;

    @Parameters(index = "2..*", paramLabel = "ID", description = "Experiment ids (default: every id on either side)")
    List<String> ids = new ArrayList<>();

    @Option(names = "--all", description = "List every measure, not only those that are not identical")
    boolean all;

    @Override
    public Integer call() {
        Path home = Repro.home();
        PublishedResults left = PublishedResults.of(a, home);
        PublishedResults right = PublishedResults.of(b, home);
        Map<String, List<ToleranceSpec>> tolerances = new LinkedHashMap<>();
        for (ExperimentSpec spec : ExperimentCatalog.load(home.resolve("experiments"))) {
            tolerances.put(spec.id(), spec.tolerances());
        }
        TreeSet<String> selected = new TreeSet<>(ids);
        if (ids.isEmpty()) {
            selected.addAll(left.ids());
            selected.addAll(right.ids());
        }
        List<Summary> before = new ArrayList<>();
        List<Summary> after = new ArrayList<>();
        List<Verification> verifications = new ArrayList<>();
        // Each differing provenance field once, with the experiments where it differs that way.
        Map<String, List<String>> provenance = new LinkedHashMap<>();
        List<String> oneSided = new ArrayList<>();
        for (String id : selected) {
            Summary x = left.summary(id);
            Summary y = right.summary(id);
            if (x == null || y == null) {
                oneSided.add(id + ": " + (x == null && y == null ? "no results on either side"
                        : "only in " + (x == null ? right.describe() : left.describe())));
                continue;
            }
            before.add(x);
            after.add(y);
            verifications.add(Verification.of(x, y, tolerances.getOrDefault(id, List.of())));
            ProvenanceDiff.of(x.provenance(), y.provenance()).forEach(d -> provenance.computeIfAbsent(d, k -> new ArrayList<>()).add(id));
        }
        VerifyTable table = new VerifyTable("A: " + left.describe(), "B: " + right.describe(), before, after, verifications);
        System.out.print(table.markdown(all));
        oneSided.forEach(s -> System.out.println("- " + s));
        if (provenance.isEmpty()) {
            System.out.println("\nProvenance: no difference (dates and wall times left out).");
        } else {
            System.out.println("\nProvenance differences (dates and wall times left out):\n\n| experiments | field: A -> B |\n|---|---|");
            provenance.forEach((difference, where) -> System.out.println("| " + (where.size() == before.size() && where.size() > 1
                    ? "all " + where.size() : String.join(", ", where)) + " | " + difference.replace("|", "\\|") + " |"));
        }
        List<String> failures = verifications.stream().flatMap(v -> v.drifted().stream()).toList();
        failures.forEach(f -> System.out.println("FAIL " + f));
        return failures.isEmpty() ? 0 : 1;
    }
}
