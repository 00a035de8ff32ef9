package org.repro4j.cli;

import org.repro4j.report.Claim;
import org.repro4j.report.Measure;
import org.repro4j.report.StudyResult;
import org.repro4j.report.Summary;
import org.repro4j.spec.ExperimentSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Checks full results against their bands: every measure with a band must be inside it, or its
 * spec must explain why not (a {@code note} on that reference). QUICK results are not checked.
 * An argument that is an experiment id selects that experiment (and it must have a banded measure);
 * any other argument selects the ids starting with it (and must select at least one).
 */
@Command(name = "check", description = {"Checks results/<id>/summary.json against the bands in the specs, and the report's",
        "numbers by the seed study's verdicts where results/study/<id>/ exists (make study).",
        "Fails (exit 1) when a measure is outside its band without an explanation in its spec, an experiment has no results,",
        "an argument selects no experiment, or an experiment named by its id has no banded measure."})
final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "ID|PREFIX",
            description = "Experiment ids, or prefixes of ids (an argument that is an id selects only that experiment; default: all)")
    List<String> prefixes = new ArrayList<>();

    @Mixin
    ResultsOption results;

    @Option(names = "--strict", description = {"A note in the spec does not excuse a value outside its band (make verify).",
            "Notes also say how a band was chosen, so without --strict a measure with a note never fails."})
    boolean strict;

    /** The folder of experiment specs; null for {@code <home>/experiments}. */
    private final Path experiments;

    CheckCommand() {
        this(null);
    }

    /** A check of the specs in {@code experiments} (tests); null for {@code <home>/experiments}. */
    CheckCommand(Path experiments) {
        this.experiments = experiments;
    }

    @Override
    public Integer call() {
        Path root = results.orProjectResults();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        Path specs = experiments != null ? experiments : Repro.home().resolve("experiments");
        List<ExperimentSpec> all = ExperimentCatalog.load(specs);
        Set<String> ids = new HashSet<>();
        all.forEach(spec -> ids.add(spec.id()));
        Set<String> unused = new LinkedHashSet<>(prefixes);
        for (ExperimentSpec spec : all) {
            List<String> selecting = prefixes.stream()
                    .filter(p -> p.equals(spec.id()) || (!ids.contains(p) && spec.id().startsWith(p))).toList();
            if (!prefixes.isEmpty() && selecting.isEmpty()) {
                continue;
            }
            selecting.forEach(unused::remove);
            Path file = root.resolve(spec.id()).resolve(Summary.FILE_NAME);
            if (!Files.isRegularFile(file)) {
                problems.add(spec.id() + ": no results (run make " + spec.id() + ")");
                continue;
            }
            Summary s = Summary.read(file);
            if (s.provenance() != null && s.provenance().recipe() != null && "quick".equals(s.provenance().recipe().mode())) {
                problems.add(spec.id() + ": the results in " + file.getParent() + " are from a QUICK run, which says nothing"
                        + " about the bands; run it in full (make " + spec.id() + ")");
                continue;
            }
            int banded = 0;
            // Once a seed study exists, its verdicts judge the report's numbers; bands judge the other measures.
            StudyResult study = StudyResult.readOrNull(root, spec.id());
            Set<String> judged = new HashSet<>();
            if (study != null) {
                for (Claim c : study.claims()) {
                    judged.add(c.measure());
                    checked++;
                    banded++;
                    String where = String.format(Locale.ROOT, "%s %s: report %s, %d runs (seed study)", spec.id(), c.measure(),
                            String.format(Locale.ROOT, "%.6g", c.reported()), c.spread().n());
                    switch (c.verdict()) {
                        case CONSISTENT -> System.out.println("consistent " + where);
                        case EXPLAINED -> {
                            if (strict) {
                                problems.add("OUTSIDE " + where + " (--strict: its spec's note does not excuse it: "
                                        + c.explanation().strip() + ")");
                            } else {
                                System.out.println("explained  " + where + ": " + c.explanation().strip());
                            }
                        }
                        case UNEXPLAINED -> problems.add("OUTSIDE " + where + ", and its spec gives no explanation (reference note)");
                    }
                }
            }
            for (var e : s.measures().entrySet()) {
                Measure m = e.getValue();
                if (m.band() == null || judged.contains(e.getKey())) {
                    continue;
                }
                checked++;
                banded++;
                String where = String.format(Locale.ROOT, "%s %s = %.4g, band [%.4g, %.4g]", spec.id(), e.getKey(),
                        m.measured(), m.band().lo(), m.band().hi());
                if (Boolean.TRUE.equals(m.within())) {
                    System.out.println("inside     " + where);
                } else if (m.note() != null && !strict) {
                    System.out.println("explained  " + where + ": " + m.note().strip());
                } else if (m.note() != null) {
                    problems.add("OUTSIDE " + where + " (--strict: its spec's note does not excuse it: " + m.note().strip() + ")");
                } else {
                    problems.add("OUTSIDE " + where + ", and its spec gives no explanation (reference note)");
                }
            }
            if (banded == 0 && selecting.contains(spec.id())) {
                problems.add(spec.id() + ": no measure with a band in " + file + ", nothing to check");
            }
        }
        unused.forEach(p -> problems.add("'" + p + "' is not an experiment id or the start of one (see 'repro list')"));
        problems.forEach(p -> System.out.println("FAIL       " + p));
        System.out.printf("%d banded measures checked, %d problems%n", checked, problems.size());
        return problems.isEmpty() ? 0 : 1;
    }
}
