package org.repro4j.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.repro4j.report.Verification.BandVerdict;
import org.repro4j.report.Verification.Row;
import org.repro4j.report.Verification.Verdict;

/**
 * The measure table of one comparison (a run against the published results, or {@code repro diff A B}):
 * the two sides' machines, a count of each verdict, and the rows worth reading, as Markdown that reads
 * the same in a terminal and in {@code results/VERIFY.md}.
 */
public final class VerifyTable {
    /** What each side is described by, from its results' provenance. */
    private static final Map<String, Function<Provenance, String>> SIDE = new LinkedHashMap<>();

    static {
        SIDE.put("commit", p -> p.gitCommit() == null ? "none" : shortHash(p.gitCommit())
                + (Boolean.TRUE.equals(p.gitDirty()) ? " with uncommitted changes" : ""));
        SIDE.put("code", p -> p.recipe() == null ? "not recorded" : shortHash(p.recipe().codeSha256()));
        SIDE.put("CPU", p -> (p.cpuModel() == null ? "model not recorded" : p.cpuModel()) + ", " + p.cpuCores() + " cores");
        SIDE.put("OS", p -> p.os() + " " + p.arch());
        SIDE.put("BLAS", p -> p.blasVendor() + ", core type " + (p.openblasCoretype() == null ? "not set" : p.openblasCoretype()));
        SIDE.put("JVM", p -> p.javaVersion() + " (" + p.javaVendor() + ")");
        SIDE.put("DL4J", p -> p.dl4jVersion() + ", " + p.backend());
    }

    private final String beforeLabel;
    private final String afterLabel;
    private final Collection<Summary> before;
    private final Collection<Summary> after;
    private final List<Verification> experiments;

    /**
     * @param beforeLabel what the first side is, e.g. {@code published (HEAD)}
     * @param afterLabel  what the second side is, e.g. {@code this run}
     * @param before      the first side's summaries, for its machine
     * @param after       the second side's summaries
     */
    public VerifyTable(String beforeLabel, String afterLabel, Collection<Summary> before, Collection<Summary> after,
            List<Verification> experiments) {
        this.beforeLabel = beforeLabel;
        this.afterLabel = afterLabel;
        this.before = List.copyOf(before);
        this.after = List.copyOf(after);
        this.experiments = List.copyOf(experiments);
    }

    /** One line: how many measures got each verdict, and where they lie against their bands. */
    public String counts() {
        Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        Map<BandVerdict, Integer> bands = new EnumMap<>(BandVerdict.class);
        int measures = 0;
        for (Verification v : experiments) {
            for (Row r : v.rows()) {
                measures++;
                verdicts.merge(r.verdict(), 1, Integer::sum);
                bands.merge(r.bandVerdict(), 1, Integer::sum);
            }
        }
        List<String> parts = new ArrayList<>();
        for (Verdict verdict : Verdict.values()) {
            int n = verdicts.getOrDefault(verdict, 0);
            if (n > 0 || verdict == Verdict.IDENTICAL || verdict == Verdict.WITHIN || verdict == Verdict.DRIFTED) {
                parts.add(n + " " + verdict.label().toLowerCase(Locale.ROOT));
            }
        }
        return String.format(Locale.ROOT, "%d measures of %d experiments: %s. Bands: %d inside, %d outside and explained,"
                        + " %d outside without explanation.", measures, experiments.size(), String.join(", ", parts),
                bands.getOrDefault(BandVerdict.INSIDE, 0), bands.getOrDefault(BandVerdict.EXPLAINED, 0),
                bands.getOrDefault(BandVerdict.OUTSIDE, 0));
    }

    /** Every drifted measure and every measure outside its band without an explanation, one line each. */
    public List<String> failures() {
        return experiments.stream().flatMap(v -> v.failures().stream()).toList();
    }

    /**
     * The sides, the counts and the table.
     *
     * @param all every measure; otherwise only those that are not identical (timings aside) or lie outside
     *            their band without explanation, and one line per experiment with nothing to compare
     */
    public String markdown(boolean all) {
        StringBuilder md = new StringBuilder();
        md.append("| | ").append(beforeLabel).append(" | ").append(afterLabel).append(" |\n|---|---|---|\n");
        SIDE.forEach((name, field) -> md.append("| ").append(name).append(" | ").append(Formats.cell(side(before, field)))
                .append(" | ").append(Formats.cell(side(after, field))).append(" |\n"));
        md.append("\n**").append(counts()).append("**\n\n");
        for (Verification v : experiments) {
            if (v.unavailable() != null) {
                md.append("- `").append(v.id()).append("`: nothing compared, ").append(v.unavailable()).append(".\n");
            }
        }
        List<String> lines = new ArrayList<>();
        // Each reason once, with the experiments and amounts of the shown rows it covers.
        Map<String, Set<String>> widenedIn = new LinkedHashMap<>();
        Map<String, Set<String>> widenedBy = new LinkedHashMap<>();
        for (Verification v : experiments) {
            for (Row r : v.rows()) {
                if (!all && (v.unavailable() != null || !shown(r))) {
                    continue;
                }
                lines.add("| " + String.join(" | ", v.id(), Formats.cell(r.measure()), value(r.measure(), r.published()),
                        value(r.measure(), r.now()), delta(r), r.tolerance().describe(), r.verdict().label(),
                        r.bandVerdict().label()) + " |");
                String reason = r.tolerance().reason();
                if (reason != null) {
                    widenedIn.computeIfAbsent(reason, k -> new LinkedHashSet<>()).add("`" + v.id() + "`");
                    widenedBy.computeIfAbsent(reason, k -> new LinkedHashSet<>()).add(r.tolerance().describe().replace(" (spec)", ""));
                }
            }
        }
        boolean compared = experiments.stream().flatMap(v -> v.rows().stream()).anyMatch(r ->
                r.verdict() == Verdict.IDENTICAL || r.verdict() == Verdict.WITHIN || r.verdict() == Verdict.DRIFTED);
        if (lines.isEmpty() && !compared) {
            md.append("\nNo measure had a ").append(beforeLabel).append(" value to be compared with.\n");
        } else if (lines.isEmpty()) {
            md.append("\nEvery compared measure is identical to the ").append(beforeLabel).append(" value (timings are not compared).\n");
        } else {
            md.append("\n| experiment | measure | ").append(beforeLabel).append(" | ").append(afterLabel)
                    .append(" | delta | tolerance | verdict | band |\n|---|---|---|---|---|---|---|---|\n");
            lines.forEach(l -> md.append(l).append('\n'));
        }
        if (!widenedIn.isEmpty()) {
            md.append("\nTolerances widened by the specs (marked \"(spec)\"):\n");
            widenedIn.forEach((reason, ids) -> md.append("- ").append(String.join(", ", ids)).append(", ")
                    .append(String.join(" and ", widenedBy.get(reason))).append(": ").append(Formats.cell(reason)).append('\n'));
        }
        return md.toString();
    }

    /** Writes {@link #markdown} under a title and an introduction, atomically (nothing half-written on failure). */
    public void write(Path file, String title, String intro, boolean all) {
        AtomicFiles.writeString(file, "# " + title + "\n\n" + intro + "\n\n" + markdown(all));
    }

    private static boolean shown(Row r) {
        return (r.verdict() != Verdict.IDENTICAL && r.verdict() != Verdict.TIMING) || r.bandVerdict() == BandVerdict.OUTSIDE;
    }

    private static String delta(Row r) {
        return r.published() == null || r.now() == null ? "" : r.tolerance().delta(r.published(), r.now());
    }

    /** A value with the digits a comparison needs: accuracies as percentages to 3 decimals, others to 6 digits. */
    static String value(String key, Double v) {
        if (v == null) {
            return "-";
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return MeasureKind.of(key) == MeasureKind.ACCURACY ? String.format(Locale.ROOT, "%.3f%%", 100 * v)
                : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String side(Collection<Summary> summaries, Function<Provenance, String> field) {
        Set<String> values = new LinkedHashSet<>();
        for (Summary s : summaries) {
            if (s.provenance() != null) {
                values.add(field.apply(s.provenance()));
            }
        }
        return values.isEmpty() ? "-" : String.join("; ", values);
    }

    private static String shortHash(String hash) {
        return hash == null ? "not recorded" : hash.substring(0, Math.min(12, hash.length()));
    }
}
