package org.repro4j.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a seed study reads: the claims table of an experiment, its strip plot, the reproducibility summary at the top
 * of a report page, and the index of every study ({@code results/study/README.md}).
 */
public final class StudyPages {
    public static final String INDEX = "README.md";

    private StudyPages() {
    }

    /** The runs' interval a claim is judged by: the range for a count, else the 95% prediction interval. */
    static String runsInterval(Claim c) {
        SeedSpread s = c.spread();
        return c.discrete() ? Formats.range(c.measure(), s.min(), s.max())
                : "[" + precise(c.measure(), s.predictionLo()) + ", " + precise(c.measure(), s.predictionHi()) + "]";
    }

    private static String precise(String key, double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return Formats.isAccuracy(key) ? String.format(Locale.ROOT, "%.3f%%", 100 * v) : String.format(Locale.ROOT, "%.5g", v);
    }

    /** Mean ± SD of the runs, accuracies in percent. */
    private static String meanSd(Claim c) {
        SeedSpread s = c.spread();
        if (s.n() == 0) {
            return "-";
        }
        return Formats.isAccuracy(c.measure())
                ? String.format(Locale.ROOT, "%.3f ± %.3f%%", 100 * s.mean(), 100 * s.sd())
                : precise(c.measure(), s.mean()) + " ± " + String.format(Locale.ROOT, "%.2g", s.sd());
    }

    /** The claims of one experiment as a Markdown table, then its strip plot ({@code stripsLink}, null for none). */
    public static String claimsTable(StudyResult study, String stripsLink) {
        return claimsTable(study, study.claims(), stripsLink);
    }

    /** These claims of a study as a Markdown table, the explanations of those outside, then the strip plot. */
    static String claimsTable(StudyResult study, List<Claim> claims, String stripsLink) {
        StringBuilder md = new StringBuilder();
        md.append("| reported number | report (printed interval) | runs | mean ± SD | min, max | judged by | hand-set band | verdict |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (Claim c : claims) {
            SeedSpread s = c.spread();
            String runs = s.n() + (s.nonFinite() > 0 ? " (+" + s.nonFinite() + " diverged)" : "");
            String judged = c.discrete()
                    ? "range " + runsInterval(c) + "; report at percentile " + String.format(Locale.ROOT, "%.0f", c.percentile())
                    : "95% PI " + runsInterval(c);
            md.append("| `").append(c.measure()).append("` | ").append(Formats.printed(c)).append(" | ").append(runs)
                    .append(" | ").append(meanSd(c)).append(" | ")
                    .append(s.n() == 0 ? "-" : Formats.value(c.measure(), s.min()) + ", " + Formats.value(c.measure(), s.max()))
                    .append(" | ").append(judged).append(" | ").append(Formats.band(c.measure(), c.band())).append(" | ")
                    .append(c.verdict() == Claim.Verdict.CONSISTENT ? "consistent" : "**" + c.verdict().label() + "**")
                    .append(" |\n");
        }
        List<String> explanations = new ArrayList<>();
        for (Claim c : claims) {
            if (c.verdict() == Claim.Verdict.EXPLAINED) {
                explanations.add("- `" + c.measure() + "`: " + Formats.cell(c.explanation().strip()));
            }
        }
        if (!explanations.isEmpty()) {
            md.append("\nOutside, explained:\n").append(String.join("\n", explanations)).append('\n');
        }
        if (!study.claims().isEmpty() && stripsLink != null) {
            md.append("\n![").append(study.id()).append(": each seed's value per setting, the report's printed interval and the"
                    + " runs' 95% prediction interval](").append(stripsLink).append(")\n");
        }
        return md.toString();
    }

    /** One line on what the study of an experiment ran: seeds, what they vary, work (and trials trained before). */
    static String studyLine(StudyResult s) {
        return String.format(Locale.ROOT, "%d seeds%s; the seeds vary %s; %.0f s of training%s", s.seeds().size(),
                s.seedsReason() == null ? "" : " (" + s.seedsReason().strip() + ")", String.join("; ", s.randomness()),
                s.workSeconds(), fromStore(s.trialsTrained(), s.trialsFromStore()));
    }

    /** ", N of M trials taken from the trial store" where trials were trained before; "" where none or not recorded. */
    private static String fromStore(Integer trained, Integer fromStore) {
        if (fromStore == null || fromStore == 0) {
            return "";
        }
        int trials = fromStore + (trained == null ? 0 : trained);
        return String.format(Locale.ROOT, ", %d of %d trials taken from the trial store (trained before, not counted)",
                fromStore, trials);
    }

    /**
     * What the studies cost in wall time. The wall time of one {@code repro study} command covers only the studies it
     * wrote: where they were all written by one command, its time (and the trials it took from the trial store); else
     * each command's time and date, with the studies it wrote. Commands are told apart by their date and wall time.
     */
    static String compute(List<StudyResult> studies) {
        Map<String, List<StudyResult>> byCommand = new TreeMap<>();
        for (StudyResult s : studies) {
            byCommand.computeIfAbsent(s.date() + " " + s.studyWallSeconds(), k -> new ArrayList<>()).add(s);
        }
        boolean oneMachine = studies.stream().map(StudyResult::machine).distinct().count() == 1;
        String machine = oneMachine ? studies.get(0).machine() + "; " : "";
        if (byCommand.size() == 1) {
            StudyResult first = studies.get(0);
            return String.format(Locale.ROOT, "Compute: %sthe whole study took %.0f s of wall time (%s)%s.", machine,
                    first.studyWallSeconds(), Formats.day(first.date()), commandFromStore(studies));
        }
        List<String> commands = new ArrayList<>();
        for (List<StudyResult> wrote : byCommand.values()) {
            StudyResult first = wrote.get(0);
            String which = wrote.size() <= 3 ? String.join(", ", wrote.stream().map(StudyResult::id).toList())
                    : wrote.size() + " experiments";
            commands.add(String.format(Locale.ROOT, "%s on %s%s, %.0f s of wall time%s", which, Formats.day(first.date()),
                    oneMachine ? "" : " (" + first.machine() + ")", first.studyWallSeconds(), commandFromStore(wrote)));
        }
        return String.format(Locale.ROOT, "Compute: %sthe studies were written by %d commands, whose wall times cover only the"
                + " studies each wrote: %s.", machine, byCommand.size(), String.join("; ", commands));
    }

    /** "; N of its M trials taken from the trial store" for the studies one command wrote; "" where none or not recorded. */
    private static String commandFromStore(List<StudyResult> wrote) {
        int fromStore = 0;
        int trials = 0;
        for (StudyResult s : wrote) {
            if (s.trialsFromStore() != null) {
                fromStore += s.trialsFromStore();
                trials += s.trialsFromStore() + (s.trialsTrained() == null ? 0 : s.trialsTrained());
            }
        }
        return fromStore == 0 ? "" : String.format(Locale.ROOT, "; %d of its %d trials were taken from the trial store,"
                + " trained by earlier commands whose time this leaves out", fromStore, trials);
    }

    /**
     * The reproducibility summary at the top of a report page: the claims its experiments test and their verdicts,
     * the seeds and what they vary, the compute, and where the deviations are explained.
     *
     * @param resultsLink the relative link from the page to the results folder ("" when the page is in it)
     */
    public static String pageSummary(List<StudyResult> studies, String resultsLink) {
        if (studies.isEmpty()) {
            return "";
        }
        long claims = studies.stream().mapToLong(s -> s.claims().size()).sum();
        long consistent = studies.stream().mapToLong(s -> s.count(Claim.Verdict.CONSISTENT)).sum();
        long explained = studies.stream().mapToLong(s -> s.count(Claim.Verdict.EXPLAINED)).sum();
        long unexplained = studies.stream().mapToLong(s -> s.count(Claim.Verdict.UNEXPLAINED)).sum();
        StringBuilder md = new StringBuilder("## Reproducibility summary\n\n");
        md.append(String.format(Locale.ROOT, "From the seed study (`make study`): **%d reported numbers** tested; **%d consistent**"
                + " with the spread of faithful runs, %d outside and explained, %d outside and unexplained. A number is"
                + " consistent when the interval its printed digits stand for meets the 95%% prediction interval of one more"
                + " run (mean ± t(0.975, n-1) · SD · sqrt(1 + 1/n), SD over seeds), or for a count the range of the runs.%n%n",
                claims, consistent, explained, unexplained));
        md.append("| experiment | numbers | consistent | outside, explained | outside, unexplained | seeds, what they vary, training |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (StudyResult s : studies) {
            md.append("| [").append(s.id()).append("](").append(resultsLink).append(s.id()).append("/README.md) | ")
                    .append(s.claims().size()).append(" | ").append(s.count(Claim.Verdict.CONSISTENT)).append(" | ")
                    .append(s.count(Claim.Verdict.EXPLAINED)).append(" | ").append(s.count(Claim.Verdict.UNEXPLAINED))
                    .append(" | ").append(Formats.cell(studyLine(s))).append(" |\n");
        }
        md.append('\n').append(compute(studies)).append(" Every experiment's deviations from its report are listed on its"
                + " results page (linked above).\n\n");
        return md.toString();
    }

    /** The index of every study: results/study/README.md. */
    public static void writeIndex(Path studyRoot, List<StudyResult> studies) {
        StringBuilder md = new StringBuilder("# Seed study\n\n");
        md.append("Every number a report prints, judged against the spread of runs that differ only in their seeds"
                + " (`make study`). Each experiment's folder holds `study.json` (every run's value, the spread and the"
                + " verdict) and `strips.png`.\n\n");
        md.append(pageSummary(studies, "../").replaceFirst("## Reproducibility summary\n\n", ""));
        for (StudyResult s : studies) {
            md.append("## ").append(s.id()).append("\n\n").append(Formats.cell(s.title())).append(". ")
                    .append(studyLine(s)).append(".\n\n");
            md.append(s.claims().isEmpty() ? "No number of the report to judge.\n\n"
                    : claimsTable(s, s.id() + "/" + StudyResult.STRIPS) + "\n");
        }
        AtomicFiles.writeString(studyRoot.resolve(INDEX), md.toString());
    }

    /** The strip plot of a study: one panel per metric, one strip per setting. */
    static void drawStrips(StudyResult study, Path png) {
        Map<String, List<Charts.Strip>> panels = new LinkedHashMap<>();
        for (Claim c : study.claims()) {
            int dot = c.measure().indexOf('.');
            String metric = dot < 0 ? c.measure() : c.measure().substring(0, dot);
            String setting = dot < 0 ? "(one setting)" : c.measure().substring(dot + 1);
            double scale = Formats.isAccuracy(c.measure()) ? 100 : 1;
            double[] values = c.values().stream().mapToDouble(v -> v == null ? Double.NaN : scale * v).toArray();
            // A count is judged by the range of its runs, which the points show.
            double[] prediction = c.discrete() ? null
                    : new double[]{scale * c.spread().predictionLo(), scale * c.spread().predictionHi()};
            panels.computeIfAbsent(metric, k -> new ArrayList<>()).add(new Charts.Strip(setting, values,
                    new double[]{scale * c.printedLo(), scale * c.printedHi()}, prediction));
        }
        List<Charts.StripPanel> list = new ArrayList<>();
        panels.forEach((metric, strips) -> list.add(new Charts.StripPanel(metric,
                metric + (metric.contains("acc") ? " (%)" : ""), strips)));
        Charts.strips(png, study.id() + ": " + study.seeds().size() + " seeds per setting", list, Math.min(2, list.size()));
    }
}
