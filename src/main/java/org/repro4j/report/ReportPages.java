package org.repro4j.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.repro4j.ReproException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@code results/<name>.md}, one page per report laid out like the report, from the
 * summaries of the experiments it names. Experiments not run yet are shown as such, never filled in.
 */
public final class ReportPages {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReportPages() {
    }

    public static ReportPageSpec load(Path specFile) {
        if (!Files.isRegularFile(specFile)) {
            throw new ReproException("No page spec at " + specFile + ". Page specs live in experiments/pages/.");
        }
        try {
            ReportPageSpec spec = YAML.readValue(specFile.toFile(), ReportPageSpec.class);
            String expected = specFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            if (spec.name() == null || !spec.name().equals(expected)) {
                throw new ReproException(specFile + ": name: must be '" + expected + "' (the file name), got '" + spec.name() + "'");
            }
            return spec;
        } catch (JsonProcessingException e) {
            throw new ReproException(specFile + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ReproException(specFile + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** @return the page written */
    public static Path write(Path specFile, Path resultsRoot) {
        ReportPageSpec spec = load(specFile);
        Path page = resultsRoot.resolve(spec.name() + ".md");
        AtomicFiles.writeString(page, render(spec, resultsRoot));
        return page;
    }

    static String render(ReportPageSpec spec, Path resultsRoot) {
        Map<String, Summary> summaries = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (ReportPageSpec.Section section : spec.sections()) {
            section.tables().forEach(t -> summary(resultsRoot, t.experiment(), summaries, missing));
            section.figures().forEach(f -> summary(resultsRoot, f.experiment(), summaries, missing));
        }
        StringBuilder md = new StringBuilder("# ").append(spec.title()).append("\n\n");
        md.append(spec.intro() == null ? "" : spec.intro().strip() + "\n\n");
        md.append("Report: `shared/reports/").append(spec.report()).append(".txt`. Each cell shows our value "
                + "(mean ± standard deviation over seeds where there are several), then the report's value, the band a "
                + "faithful run lands in, and whether ours is inside it. Every experiment's own page has all its "
                + "measures, its deviations and its provenance.\n\n");
        Map<String, StudyResult> studies = new LinkedHashMap<>();
        for (String id : summaries.keySet()) {
            StudyResult study = StudyResult.readOrNull(resultsRoot, id);
            if (study != null) {
                studies.put(id, study);
            }
        }
        md.append(StudyPages.pageSummary(List.copyOf(studies.values()), ""));
        if (!missing.isEmpty()) {
            md.append("**Not run yet:** ").append(String.join(", ", missing.stream().map(m -> "`" + m + "`").toList()))
                    .append(" (run `make <id>`).\n\n");
        }
        Set<String> plotted = new LinkedHashSet<>();
        for (ReportPageSpec.Section section : spec.sections()) {
            md.append("## ").append(section.heading()).append("\n\n");
            if (section.text() != null) {
                md.append(section.text().strip()).append("\n\n");
            }
            for (ReportPageSpec.Table t : section.tables()) {
                table(md, t, summaries.get(t.experiment()));
                StudyResult study = studies.get(t.experiment());
                if (study != null) {
                    studyOfTable(md, t, study, summaries.get(t.experiment()), plotted);
                }
            }
            for (ReportPageSpec.FigureRef f : section.figures()) {
                if (summaries.containsKey(f.experiment()) && Files.isRegularFile(resultsRoot.resolve(f.experiment()).resolve(f.file()))) {
                    md.append("![").append(f.caption()).append("](").append(f.experiment()).append('/').append(f.file())
                            .append(")\n\n*").append(f.caption()).append("*\n\n");
                }
            }
            Set<String> experiments = new LinkedHashSet<>();
            section.tables().forEach(t -> experiments.add(t.experiment()));
            section.figures().forEach(f -> experiments.add(f.experiment()));
            for (String id : experiments) {
                Summary s = summaries.get(id);
                if (s != null && !s.deviations().isEmpty()) {
                    md.append("Deviations (`").append(id).append("`):\n\n");
                    s.deviations().forEach(d -> md.append("- ").append(d.strip().replace("\n", " ")).append('\n'));
                    md.append('\n');
                }
            }
            experiments.forEach(id -> md.append("Details: [`").append(id).append("`](").append(id).append("/README.md)  \n"));
            md.append('\n');
        }
        return md.toString().stripTrailing() + "\n";
    }

    private static void summary(Path root, String id, Map<String, Summary> into, List<String> missing) {
        if (into.containsKey(id) || missing.contains(id)) {
            return;
        }
        Path file = root.resolve(id).resolve(Summary.FILE_NAME);
        if (Files.isRegularFile(file)) {
            into.put(id, Summary.read(file));
        } else {
            missing.add(id);
        }
    }

    private static void table(StringBuilder md, ReportPageSpec.Table t, Summary s) {
        if (t.caption() != null) {
            md.append("**").append(t.caption().strip()).append("**\n\n");
        }
        if (s == null) {
            md.append("*`").append(t.experiment()).append("` has not been run yet.*\n\n");
            return;
        }
        List<String> rows = t.rows().isEmpty() ? settings(s) : t.rows();
        md.append("| setting |");
        t.columns().forEach(c -> md.append(' ').append(Formats.cell(c)).append(" |"));
        md.append("\n|---|");
        t.columns().forEach(c -> md.append("---|"));
        md.append('\n');
        for (String row : rows) {
            md.append("| ").append(row.isEmpty() ? "-" : Formats.cell("`" + row + "`")).append(" |");
            for (String column : t.columns()) {
                String key = row.isEmpty() ? column : column + "." + row;
                Measure m = s.measures().get(key);
                md.append(' ').append(m == null ? "-" : cell(key, m)).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    /**
     * The seed study's verdicts on the reported numbers of a table, and the study's strip plot where the page has not
     * shown it yet.
     */
    private static void studyOfTable(StringBuilder md, ReportPageSpec.Table t, StudyResult study, Summary s,
                                     Set<String> plotted) {
        List<String> keys = new ArrayList<>();
        List<String> rows = t.rows().isEmpty() && s != null ? settings(s) : t.rows();
        for (String row : rows.isEmpty() ? List.of("") : rows) {
            for (String column : t.columns()) {
                keys.add(row.isEmpty() ? column : column + "." + row);
            }
        }
        List<Claim> claims = study.claims().stream().filter(c -> keys.contains(c.measure())).toList();
        if (claims.isEmpty()) {
            return;
        }
        md.append("Seed study of `").append(study.id()).append("` (").append(StudyPages.studyLine(study)).append("):\n\n");
        String strips = plotted.add(study.id()) ? StudyResult.FOLDER + "/" + study.id() + "/" + StudyResult.STRIPS : null;
        md.append(StudyPages.claimsTable(study, claims, strips)).append('\n');
    }

    private static List<String> settings(Summary s) {
        List<String> rows = new ArrayList<>();
        for (String key : s.measures().keySet()) {
            int dot = key.indexOf('.');
            String setting = dot < 0 ? "" : key.substring(dot + 1);
            if (!rows.contains(setting)) {
                rows.add(setting);
            }
        }
        return rows;
    }

    private static String cell(String key, Measure m) {
        String ours = Formats.ours(key, m);
        if (m.reference() == null && m.band() == null) {
            return ours;
        }
        StringBuilder c = new StringBuilder("**").append(ours).append("**");
        if (m.reference() != null) {
            c.append("<br>report ").append(Formats.reference(key, m));
        }
        if (m.band() != null) {
            c.append("<br>band ").append(Formats.band(key, m)).append(": ").append(Formats.within(m));
        }
        return c.toString();
    }
}
