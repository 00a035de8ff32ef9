package org.repro4j.search;

import au.com.bytecode.opencsv.CSVWriter;
import org.repro4j.ReproException;
import org.repro4j.backend.ActiveBackend;
import org.repro4j.data.Protocols;
import org.repro4j.report.Charts;
import org.repro4j.report.Provenance;
import org.repro4j.report.ResultsDir;
import org.repro4j.report.ResultsIndex;
import org.repro4j.report.ResultsPage.Figure;
import org.repro4j.report.ResultsPage;
import org.repro4j.report.Summary;
import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.ReferenceSpec;
import org.repro4j.spec.ResolvedSearch;
import org.repro4j.spec.SearchSpec;
import org.repro4j.spec.SearchSpecLoader;
import org.repro4j.train.CodeHash;
import org.repro4j.train.ResultProvenance;
import org.repro4j.train.Trial;
import org.repro4j.train.TrialExecutors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes a finished search into {@code <resultsRoot>/<name>/}: {@code candidates.csv} (every
 * candidate: values, status, score, time, failure reason), {@code summary.json} and
 * {@code README.md} (the chosen candidate's values and measures beside the spec's reference
 * values, the table of candidates, provenance) and one plot of the score against each numeric
 * parameter. The folder appears in one move when complete, through {@link ResultsDir}.
 */
final class SearchReport {
    static final String CANDIDATES_CSV = "candidates.csv";
    /** The measures of the chosen candidate, retrained and evaluated: {@code <metric>.best}. */
    static final List<String> BEST_METRICS = List.of("train_acc", "train_loss", "val_acc", "val_loss", "val_cost",
            "test_acc", "test_loss", "test_cost");

    private final SearchSpec spec;
    private final Path specFile;
    private final String specSha256;
    private final String canonicalJson;
    private final SearchOptions options;
    private final List<CandidateRecord> records;
    private final boolean minimize;

    SearchReport(ResolvedSearch resolved, SearchOptions options, Map<Integer, CandidateRecord> records) {
        this.spec = resolved.spec();
        this.specFile = resolved.file();
        this.specSha256 = resolved.sha256();
        this.canonicalJson = resolved.canonicalJson();
        this.options = options;
        this.records = List.copyOf(records.values());
        this.minimize = spec.search().minimize();
    }

    /** Every measure key a search can produce, to check the spec's reference block before searching. */
    static List<String> measureKeys(SearchSpec spec) {
        List<String> keys = new ArrayList<>(List.of("candidates.completed", "candidates.failed"));
        BEST_METRICS.forEach(m -> keys.add(m + ".best"));
        spec.parameters().keySet().forEach(k -> keys.add("best." + k));
        return keys;
    }

    /** The best completed candidate (the lowest index among equals), or null when none completed. */
    CandidateRecord best() {
        Comparator<CandidateRecord> byScore = Comparator.comparingDouble(CandidateRecord::score);
        return records.stream().filter(CandidateRecord::completed)
                .min((minimize ? byScore : byScore.reversed()).thenComparingInt(CandidateRecord::index))
                .orElse(null);
    }

    /**
     * @param bestMeasures the chosen candidate's measures ({@code val_acc} ...), empty when none completed
     * @param notes        facts for the page's deviations section (QUICK mode, a retraining that differed)
     * @return the finished folder
     */
    Path write(Map<String, Double> bestMeasures, List<String> notes, double wallSeconds) {
        CandidateRecord best = best();
        try (ResultsDir out = ResultsDir.stage(options.resultsRoot(), spec.name())) {
            writeCsv(out.path().resolve(CANDIDATES_CSV));
            List<Figure> figures = plots(out.path(), best);
            Summary summary = summary(best, bestMeasures, notes);
            summary.provenance(ResultProvenance.capture(specSha256, List.of(spec.seed()), wallSeconds, recipe()));
            summary.write(out.path().resolve(Summary.FILE_NAME));
            // The spec that specSha256 hashes: sha256sum spec.json gives it.
            writeSpec(out.path().resolve("spec.json"));
            ResultsPage.write(out.path().resolve(ResultsPage.FILE_NAME), summary, figures, protocol(), candidatesTable(best));
            out.commit();
        }
        ResultsIndex.write(options.resultsRoot());
        return options.resultsRoot().resolve(spec.name());
    }

    private void writeSpec(Path file) {
        try {
            Files.writeString(file, canonicalJson);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The code, mode and data of the search, and each candidate's trial (the chosen one's test run included). */
    private Provenance.Recipe recipe() {
        Map<String, String> trials = new LinkedHashMap<>();
        for (CandidateRecord r : records) {
            ExperimentSpec candidate = SearchSpecLoader.candidate(spec, specFile, r.values());
            trials.put("candidate " + r.index(), Trial.of(candidate, spec.seed(), options.quick(), Trial.Evaluation.CANDIDATE).sha256());
        }
        // Where the candidates trained (here, or the hosts of a cluster's executors, as each candidate's record says); the
        // chosen one is trained again here either way.
        Map<String, String> trainedOn = new LinkedHashMap<>();
        String here = TrialExecutors.where(TrialExecutors.LOCAL);
        trainedOn.put("candidates", candidatesTrainedOn(here));
        trainedOn.put("chosen candidate", here);
        return new Provenance.Recipe(CodeHash.current(), options.quick() ? "quick" : "full", dataFiles(spec, specFile), trials,
                trainedOn);
    }

    /** Each place candidates trained with how many trained there; the executor alone for records that do not say. */
    private String candidatesTrainedOn(String here) {
        Map<String, Long> places = records.stream().filter(r -> r.trainedOn() != null)
                .collect(Collectors.groupingBy(CandidateRecord::trainedOn, TreeMap::new, Collectors.counting()));
        if (places.isEmpty()) {
            return options.executor().local() ? here : options.executor().kind() + " " + options.executor().master() + ", its executors";
        }
        return places.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue() + (e.getValue() == 1 ? " candidate" : " candidates"))
                .collect(Collectors.joining("; "));
    }

    /** The data files a search reads (those of its base experiment's protocol), with their MD5s. */
    static Map<String, String> dataFiles(SearchSpec spec, Path specFile) {
        return Protocols.files(SearchSpecLoader.candidate(spec, specFile, Map.of()).data().protocol());
    }

    private Summary summary(CandidateRecord best, Map<String, Double> bestMeasures, List<String> notes) {
        Summary summary = new Summary(spec.name(), spec.title(), spec.report(), spec.reproduces());
        Map<String, Double> ours = new LinkedHashMap<>();
        bestMeasures.forEach((metric, v) -> ours.put(metric + ".best", v));
        if (best != null) {
            best.values().forEach((key, v) -> {
                if (v instanceof Number n) {
                    ours.put("best." + key, n.doubleValue());
                }
            });
        }
        ours.put("candidates.completed", (double) records.stream().filter(CandidateRecord::completed).count());
        ours.put("candidates.failed", (double) records.stream().filter(r -> !r.completed()).count());
        ReferenceSpec ref = spec.reference();
        ours.forEach((key, v) -> {
            ReferenceSpec.Value r = ref.measures().get(key);
            summary.measure(key, v, null, 1, r == null ? null : r.value(), r == null ? null : r.bandArray(),
                    r == null ? null : r.note());
        });
        String headline = ref.headline() != null && ours.containsKey(ref.headline()) ? ref.headline()
                : ours.containsKey("test_acc.best") ? "test_acc.best"
                : ours.containsKey(spec.search().score() + ".best") ? spec.search().score() + ".best"
                : "candidates.completed";
        summary.headline(headline);
        spec.deviations().forEach(summary::deviation);
        if (best == null) {
            summary.deviation("No candidate completed (see candidates.csv for the reasons), so there is no chosen setting"
                    + " to compare with the reference values.");
        }
        notes.forEach(summary::deviation);
        return summary;
    }

    private String protocol() {
        SearchSpec.Settings s = spec.search();
        StringBuilder md = new StringBuilder(spec.description().strip()).append("\n\n");
        md.append(String.format(Locale.ROOT, "Search: Arbiter %s search, %s; score: %s on the validation split (%s is better);"
                        + " one seed (%d) for every candidate; %d thread(s).",
                s.generator(), budgetText(s), s.score(), minimize ? "lower" : "higher", spec.seed(), s.threads()));
        if (s.testBest()) {
            md.append(" The chosen candidate is trained again and evaluated once on the test split.");
        }
        md.append(" Ran on: ").append(ActiveBackend.current().line()).append('.');
        md.append("\n\n| parameter | space |\n|---|---|\n");
        spec.parameters().forEach((key, p) -> md.append("| `").append(key).append("` | ").append(spaceText(p, s)).append(" |\n"));
        return md.toString();
    }

    private static String budgetText(SearchSpec.Settings s) {
        List<String> parts = new ArrayList<>();
        if (s.maxCandidates() != null) {
            parts.add("at most " + s.maxCandidates() + " candidates");
        }
        if (s.maxMinutes() != null) {
            parts.add(String.format(Locale.ROOT, "no candidate started after %.3g minutes", s.maxMinutes()));
        }
        if ("grid".equals(s.generator())) {
            parts.add("every grid point at most once");
        }
        return String.join(", ", parts);
    }

    private static String spaceText(SearchSpec.ParameterSpec p, SearchSpec.Settings s) {
        String grid = "grid".equals(s.generator()) ? ", " + s.gridPoints() + " grid points" : "";
        if (p.values() != null) {
            return "values " + p.values();
        }
        if (p.integers() != null) {
            return "integers " + p.integers() + grid;
        }
        if (p.logUniform() != null) {
            return "log-uniform " + p.logUniform() + grid;
        }
        return "uniform " + p.uniform() + grid;
    }

    private String candidatesTable(CandidateRecord best) {
        List<String> keys = List.copyOf(spec.parameters().keySet());
        StringBuilder md = new StringBuilder("## Candidates\n\n");
        md.append("Every candidate, best first (failed ones last); the same in `").append(CANDIDATES_CSV)
                .append("` with every digit.\n\n| # |");
        keys.forEach(k -> md.append(" `").append(k).append("` |"));
        md.append(' ').append(spec.search().score()).append(" | seconds | status |\n|---|");
        keys.forEach(k -> md.append("---|"));
        md.append("---|---|---|\n");
        Comparator<CandidateRecord> order = Comparator.comparing((CandidateRecord r) -> !r.completed())
                .thenComparingDouble(r -> r.completed() ? (minimize ? r.score() : -r.score()) : 0)
                .thenComparingInt(CandidateRecord::index);
        for (CandidateRecord r : records.stream().sorted(order).toList()) {
            md.append("| ").append(r.index()).append(r == best ? " (chosen)" : "").append(" |");
            keys.forEach(k -> md.append(' ').append(CandidateTasks.format(r.values().get(k))).append(" |"));
            md.append(' ').append(r.completed() ? String.format(Locale.ROOT, "%.4f", r.score()) : "-")
                    .append(String.format(Locale.ROOT, " | %.1f | ", r.seconds()))
                    .append(r.completed() ? "completed" : "failed: " + r.reason().replace("|", "\\|").replace("\n", " "))
                    .append(" |\n");
        }
        return md.toString();
    }

    private void writeCsv(Path file) {
        List<String> keys = List.copyOf(spec.parameters().keySet());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8); CSVWriter csv = new CSVWriter(w)) {
            List<String> header = new ArrayList<>(List.of("index", "status"));
            header.addAll(keys);
            header.addAll(List.of(spec.search().score(), "seconds", "reason", "trained_on"));
            csv.writeNext(header.toArray(String[]::new));
            for (CandidateRecord r : records) {
                List<String> row = new ArrayList<>(List.of(Integer.toString(r.index()), r.status().name().toLowerCase(Locale.ROOT)));
                keys.forEach(k -> row.add(String.valueOf(r.values().get(k))));
                row.add(r.score() == null ? "" : Double.toString(r.score()));
                row.add(String.format(Locale.ROOT, "%.3f", r.seconds()));
                row.add(r.reason() == null ? "" : r.reason());
                row.add(r.trainedOn() == null ? "" : r.trainedOn());
                csv.writeNext(row.toArray(String[]::new));
            }
        } catch (IOException e) {
            throw new ReproException("Cannot write " + file + ": " + e + ". Check that the results folder is writable.", e);
        }
    }

    /** Score against each numeric parameter: every completed candidate, the chosen one marked. */
    private List<Figure> plots(Path dir, CandidateRecord best) {
        List<Figure> figures = new ArrayList<>();
        List<CandidateRecord> done = records.stream().filter(CandidateRecord::completed).toList();
        String score = spec.search().score();
        spec.parameters().forEach((key, p) -> {
            List<CandidateRecord> plotted = done.stream().filter(r -> r.values().get(key) instanceof Number).toList();
            if (plotted.isEmpty() || plotted.size() != done.size()) {
                return;
            }
            String leaf = key.substring(key.lastIndexOf('.') + 1);
            String file = "score-vs-" + leaf.replaceAll("[^A-Za-z0-9_-]", "-") + ".png";
            List<Charts.Series> series = new ArrayList<>();
            series.add(series("candidates", plotted, key));
            if (best != null) {
                series.add(series("chosen", List.of(best), key));
            }
            Charts.scatter(dir.resolve(file), spec.name() + ": " + score + " vs " + leaf, key + (p.logScale() ? " (log scale)" : ""),
                    score + " (validation)", series, p.logScale());
            long failed = records.size() - done.size();
            figures.add(new Figure(file, "Validation score (" + score + ") of every completed candidate against " + key
                    + (failed > 0 ? "; " + failed + " failed candidate(s) have no score and are not shown" : "")));
        });
        return figures;
    }

    private static Charts.Series series(String name, List<CandidateRecord> rs, String key) {
        return new Charts.Series(name, rs.stream().mapToDouble(r -> ((Number) r.values().get(key)).doubleValue()).toArray(),
                rs.stream().mapToDouble(CandidateRecord::score).toArray());
    }
}
