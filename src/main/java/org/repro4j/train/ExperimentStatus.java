package org.repro4j.train;

import org.repro4j.ReproException;
import org.repro4j.report.Provenance;
import org.repro4j.report.Summary;
import org.repro4j.spec.Kind;
import org.repro4j.spec.ResolvedExperiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Two facts about one experiment, found without running anything: whether its results folder holds
 * what a full run would produce now (the spec, code, seeds and data files its provenance records
 * are today's), and how many of its trials this machine's trial store already has, which is what a
 * {@code make reproduce} here would not train again.
 *
 * @param stale  why the results are not current (empty when they are)
 * @param trials the trials a full run trains: each setting with each seed (0 for kinds that do not train)
 * @param stored how many of them the trial store has
 */
public record ExperimentStatus(String id, List<String> stale, int trials, int stored) {

    public ExperimentStatus {
        stale = List.copyOf(stale);
    }

    /** Whether the results are what a full run would produce now. */
    public boolean current() {
        return stale.isEmpty();
    }

    /**
     * @param options where the results and the trial store are, and the run they are compared with (published
     *                results are full runs with the spec's seeds: {@code repro status} asks about those)
     */
    public static ExperimentStatus of(ResolvedExperiment experiment, RunOptions options) {
        List<Long> seeds = ExperimentRunner.seeds(experiment.spec(), options);
        int trials = 0;
        int stored = 0;
        if (experiment.spec().kind() == Kind.TRAIN) {
            TrialStore store = new TrialStore(options.trialStore());
            for (TrainExperiment.SettingTrial t : TrainExperiment.plan(experiment, seeds, options.quick())) {
                trials++;
                stored += store.contains(t.trial()) ? 1 : 0;
            }
        }
        return new ExperimentStatus(experiment.id(), staleBecause(experiment, seeds, options), trials, stored);
    }

    private static List<String> staleBecause(ResolvedExperiment experiment, List<Long> seeds, RunOptions options) {
        Path file = options.resultsRoot().resolve(experiment.id()).resolve(Summary.FILE_NAME);
        return staleBecause(file, experiment.sha256(), seeds, ResultProvenance.recipe(experiment, options.quick(), Map.of()));
    }

    /**
     * Why the results whose summary is {@code file} are not what a run would produce now, from the
     * provenance they record: their spec's SHA-256, seeds, and the code, mode and data files of the
     * run's recipe ({@code now}); empty when they are current. Experiments and searches alike.
     */
    public static List<String> staleBecause(Path file, String specSha256, List<Long> seeds, Provenance.Recipe now) {
        if (!Files.isRegularFile(file)) {
            return List.of("no results");
        }
        Summary summary;
        try {
            summary = Summary.read(file);
        } catch (ReproException e) {
            return List.of("its summary.json cannot be read");
        }
        Provenance p = summary.provenance();
        if (p == null || p.recipe() == null) {
            return List.of("its summary.json records no recipe");
        }
        List<String> why = new ArrayList<>();
        if (!now.mode().equals(p.recipe().mode())) {
            why.add("a " + p.recipe().mode() + " run");
        }
        if (!specSha256.equals(p.specSha256())) {
            why.add("spec changed");
        }
        if (!now.codeSha256().equals(p.recipe().codeSha256())) {
            why.add("code changed");
        }
        if (!seeds.equals(p.seeds())) {
            why.add("seeds " + p.seeds() + ", the spec's are " + seeds);
        }
        if (!now.dataFiles().equals(p.recipe().dataFiles())) {
            why.add("data files changed");
        }
        return why;
    }
}
