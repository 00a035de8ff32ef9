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
 * Everything one experiment's run needs and produces: the resolved experiment, where to write, the
 * run's trials, the measured values (one per seed) that become the summary, the trials they came
 * from, and the seconds spent on it.
 */
final class ExperimentContext {
    final ResolvedExperiment resolved;
    final ExperimentSpec spec;
    final Path outDir;
    final RunOptions options;
    final List<Long> seeds;
    final PrintStream log;
    final RunPlan plan;
    private final Map<String, List<Double>> measured = new LinkedHashMap<>();
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, String> trials = new LinkedHashMap<>();
    private final Map<String, String> trainedOn = new LinkedHashMap<>();
    private double trainingSeconds;
    private double waitingSeconds;

    ExperimentContext(ResolvedExperiment resolved, Path outDir, RunOptions options, List<Long> seeds, RunPlan plan) {
        this.resolved = resolved;
        this.spec = resolved.spec();
        this.outDir = outDir;
        this.options = options;
        this.seeds = seeds;
        this.log = options.log();
        this.plan = plan;
    }

    /** Seconds a worker spent training a trial this experiment is the first to use. */
    void trained(double seconds) {
        trainingSeconds += seconds;
    }

    /** Seconds this experiment's assembly waited for trials training elsewhere. */
    void waited(double seconds) {
        waitingSeconds += seconds;
    }

    /** The seconds spent on this experiment, of which so many were spent waiting: its trials' training plus its own work. */
    double seconds(double wallSeconds) {
        return wallSeconds - waitingSeconds + trainingSeconds;
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
    void trial(String setting, long seed, String sha256, String trainedOn) {
        trials.put(Provenance.Recipe.trialName(setting, seed), sha256);
        if (trainedOn != null) {
            this.trainedOn.put(Provenance.Recipe.trialName(setting, seed), trainedOn);
        }
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

    /** Where each trial trained, by the names of {@link #trials}. */
    Map<String, String> trainedOn() {
        return trainedOn;
    }

    Map<String, String> trials() {
        return trials;
    }
}
