package org.repro4j.train;

import org.repro4j.report.Provenance;
import org.repro4j.report.ResultsPage.Figure;
import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.ResolvedExperiment;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one experiment's run needs and produces: the resolved experiment, where to write,
 * the measured values (one per seed) that become the summary, and the trials they came from.
 */
final class ExperimentContext {
    final ResolvedExperiment resolved;
    final ExperimentSpec spec;
    final Path outDir;
    final RunOptions options;
    final List<Long> seeds;
    final PrintStream log;
    private final Map<String, List<Double>> measured = new LinkedHashMap<>();
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, String> trials = new LinkedHashMap<>();

    ExperimentContext(ResolvedExperiment resolved, Path outDir, RunOptions options, List<Long> seeds) {
        this.resolved = resolved;
        this.spec = resolved.spec();
        this.outDir = outDir;
        this.options = options;
        this.seeds = seeds;
        this.log = options.log();
    }

    /** Adds one seed's value of a measure; the summary shows the mean and std over seeds. */
    void measure(String key, double value) {
        measured.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    void figure(String file, String caption) {
        figures.add(new Figure(file, caption));
    }

    /** A fact about this run that the results page should state (e.g. the QUICK mode's cuts). */
    void note(String text) {
        notes.add(text);
    }

    /** Records which trial gave a setting's seed, for the provenance. */
    void trial(String setting, long seed, String sha256) {
        trials.put(Provenance.Recipe.trialName(setting, seed), sha256);
    }

    Map<String, List<Double>> measured() {
        return measured;
    }

    List<Figure> figures() {
        return figures;
    }

    List<String> notes() {
        return notes;
    }

    Map<String, String> trials() {
        return trials;
    }
}
