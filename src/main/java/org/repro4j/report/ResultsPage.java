package org.repro4j.report;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes an experiment's {@code README.md}: what it reproduces, how, our numbers beside the
 * report's with the band verdict, the deviations, the figures and the provenance.
 */
public final class ResultsPage {
    /** The file name inside an experiment's results folder. */
    public static final String FILE_NAME = "README.md";

    /**
     * A figure to show on the page.
     *
     * @param file    path of the PNG relative to the page, usually just its file name
     * @param caption a sentence that says what the figure shows
     */
    public record Figure(String file, String caption) {
        public Figure {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(caption, "caption");
        }
    }

    private ResultsPage() {
    }

    /**
     * Writes the page atomically.
     *
     * @param protocol a paragraph saying what was run (data split, model, schedule, seeds)
     */
    public static void write(Path readme, Summary summary, List<Figure> figures, String protocol) {
        write(readme, summary, figures, protocol, null);
    }

    /**
     * Writes the page with one more section after the results, e.g. a search's table of candidates.
     *
     * @param details Markdown with its own {@code ##} heading, or null for none
     */
    public static void write(Path readme, Summary summary, List<Figure> figures, String protocol, String details) {
        AtomicFiles.writeString(readme, render(summary, figures, protocol, details));
    }

    static String render(Summary s, List<Figure> figures, String protocol) {
        return render(s, figures, protocol, null);
    }

    static String render(Summary s, List<Figure> figures, String protocol, String details) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(s.title()).append("\n\n");
        md.append("Reproduces ").append(s.reproduces()).append(" of the report `").append(s.report())
                .append("` (experiment `").append(s.id()).append("`).\n\n");
        md.append("## Protocol\n\n").append(protocol.strip()).append("\n\n");
        appendMeasures(md, s);
        if (details != null) {
            md.append(details.strip()).append("\n\n");
        }
        md.append("## Deviations from the report\n\n");
        if (s.deviations().isEmpty()) {
            md.append("None known.\n\n");
        } else {
            s.deviations().forEach(d -> md.append(d.strip()).append("\n\n"));
        }
        if (!figures.isEmpty()) {
            md.append("## Figures\n\n");
            figures.forEach(f -> md.append("![").append(f.caption()).append("](").append(f.file()).append(")\n\n")
                    .append('*').append(f.caption()).append("*\n\n"));
        }
        appendProvenance(md, s.provenance());
        return md.toString().stripTrailing() + "\n";
    }

    private static void appendMeasures(StringBuilder md, Summary s) {
        md.append("## Results\n\n");
        if (s.measures().isEmpty()) {
            md.append("No measures were recorded.\n\n");
            return;
        }
        appendComparison(md, s);
        appendAllMeasures(md, s);
    }

    /** The measures the report gives a number or a band for, each beside ours. */
    private static void appendComparison(StringBuilder md, Summary s) {
        var compared = s.measures().entrySet().stream()
                .filter(e -> e.getValue().reference() != null || e.getValue().band() != null).toList();
        if (compared.isEmpty()) {
            return;
        }
        md.append("### Compared with the report\n\n");
        md.append("| measure | ours | report | band | |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, Measure> e : compared) {
            String key = e.getKey();
            Measure m = e.getValue();
            String name = "`" + key + "`" + (key.equals(s.headline()) ? " (headline)" : "");
            md.append("| ").append(Formats.cell(name))
                    .append(" | ").append(Formats.ours(key, m))
                    .append(" | ").append(Formats.reference(key, m))
                    .append(" | ").append(Formats.band(key, m))
                    .append(" | ").append(Formats.within(m)).append(" |\n");
        }
        md.append('\n');
        String notes = compared.stream()
                .filter(e -> e.getValue().note() != null)
                .map(e -> "- `" + e.getKey() + "`: " + e.getValue().note().strip())
                .collect(Collectors.joining("\n"));
        if (!notes.isEmpty()) {
            md.append("Notes:\n\n").append(notes).append("\n\n");
        }
        md.append("Accuracies are percentages; \"report\" is the value the report gives, \"band\" where a "
                + "faithful run lands; ours is the mean ± standard deviation over seeds where there are several.\n\n");
    }

    /**
     * Every measure we took, as a matrix: one row per setting (the part of the key after the first
     * dot, e.g. {@code lambda=0.1,eta=0.001}), one column per measure ({@code test_acc}).
     */
    private static void appendAllMeasures(StringBuilder md, Summary s) {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        Set<String> columns = new LinkedHashSet<>();
        s.measures().forEach((key, m) -> {
            int dot = key.indexOf('.');
            String measure = dot < 0 ? key : key.substring(0, dot);
            String setting = dot < 0 ? "" : key.substring(dot + 1);
            columns.add(measure);
            rows.computeIfAbsent(setting, k -> new LinkedHashMap<>()).put(measure, Formats.ours(key, m));
        });
        md.append("### All measures\n\n| setting |");
        columns.forEach(c -> md.append(" ").append(Formats.cell(c)).append(" |"));
        md.append("\n|---|");
        columns.forEach(c -> md.append("---|"));
        md.append('\n');
        rows.forEach((setting, values) -> {
            md.append("| ").append(setting.isEmpty() ? "-" : Formats.cell("`" + setting + "`")).append(" |");
            columns.forEach(c -> md.append(" ").append(values.getOrDefault(c, "-")).append(" |"));
            md.append('\n');
        });
        md.append('\n');
    }

    private static void appendProvenance(StringBuilder md, Provenance p) {
        md.append("## Provenance\n\n");
        if (p == null) {
            md.append("Not recorded.\n");
            return;
        }
        String commit = p.gitCommit() == null ? "unknown (not a git checkout)"
                : "`" + p.gitCommit() + "`" + (Boolean.TRUE.equals(p.gitDirty()) ? " with uncommitted changes" : "");
        md.append("| | |\n|---|---|\n");
        row(md, "commit", commit);
        row(md, "date", p.date());
        row(md, "time", String.format(Locale.ROOT, "%.1f s of work", p.wallSeconds()));
        row(md, "seeds", p.seeds().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        row(md, "spec SHA-256", p.specSha256() == null ? "-" : "`" + p.specSha256() + "`"
                + (p.recipe() == null ? "" : " (of `spec.json`)"));
        if (p.recipe() != null) {
            row(md, "code SHA-256", "`" + p.recipe().codeSha256() + "`");
            row(md, "mode", p.recipe().mode());
            row(md, "data files (MD5)", p.recipe().dataFiles().isEmpty() ? "none (generated data)"
                    : p.recipe().dataFiles().entrySet().stream().map(e -> "`" + e.getKey() + "` " + e.getValue())
                    .collect(Collectors.joining(", ")));
            row(md, "trials", p.recipe().trials().size() + " (each one's SHA-256 in `summary.json`)");
            if (!p.recipe().trainedOn().isEmpty()) {
                row(md, "trained on", p.recipe().trainedOn().values().stream().distinct().sorted()
                        .collect(java.util.stream.Collectors.joining("; ")) + " (each trial's in `summary.json`)");
            }
        }
        row(md, "backend", p.backend());
        row(md, "BLAS", p.blasVendor() + ", " + p.nd4jEnvironment().getOrDefault("blas.threads", "?")
                + " BLAS threads, " + p.nd4jEnvironment().getOrDefault("omp.threads", "?") + " OpenMP threads");
        row(md, "OPENBLAS_CORETYPE / OMP_NUM_THREADS", orUnset(p.openblasCoretype()) + " / "
                + orUnset(p.ompNumThreads()));
        row(md, "DL4J", p.dl4jVersion());
        row(md, "JVM", p.javaVersion() + " (" + p.javaVendor() + ")"
                + (p.jvmOptions().isEmpty() ? "" : ", " + String.join(" ", p.jvmOptions())));
        row(md, "OS", p.os() + ", " + p.arch() + ", " + p.cpuCores() + " cores");
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(Formats.cell(String.valueOf(value))).append(" |\n");
    }

    private static String orUnset(String value) {
        return value == null ? "unset" : value;
    }
}
