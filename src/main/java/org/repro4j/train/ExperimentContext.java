package org.repro4j.train;

import org.repro4j.report.ResultsPage.Figure;
import org.repro4j.spec.ExperimentSpec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one experiment run needs and produces: the spec, where to write, and the measured
 * values (one per seed) that become the summary.
 */
final class ExperimentContext {
    final ExperimentSpec spec;
    final Path specFile;
    final Path outDir;
    final RunOptions options;
    final List<Long> seeds;
    final PrintStream log;
    private final Map<String, List<Double>> measured = new LinkedHashMap<>();
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    ExperimentContext(ExperimentSpec spec, Path specFile, Path outDir, RunOptions options, List<Long> seeds) {
        this.spec = spec;
        this.specFile = specFile;
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

    Map<String, List<Double>> measured() {
        return measured;
    }

    List<Figure> figures() {
        return figures;
    }

    List<String> notes() {
        return notes;
    }

    /** The stable measure name for a run: {@code test_acc.lambda=0.1,eta=0.001}, or just {@code test_acc}. */
    static String key(String measure, String run) {
        return run == null || run.isEmpty() ? measure : measure + "." + run;
    }
}
