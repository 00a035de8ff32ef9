package org.repro4j.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.repro4j.CpuModel;
import org.repro4j.ReproException;
import org.repro4j.report.Claim;
import org.repro4j.report.StudyPages;
import org.repro4j.report.StudyResult;
import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.Kind;
import org.repro4j.spec.ReferenceSpec;
import org.repro4j.spec.ResolvedExperiment;
import org.repro4j.spec.StudySpec;
import org.repro4j.train.CodeHash;
import org.repro4j.train.ExperimentRunner;
import org.repro4j.train.ExperimentStatus;
import org.repro4j.train.RunOptions;
import org.repro4j.train.RunPlan;

/**
 * Runs a seed study: each experiment that trains and has numbers of its report is run with its study's seeds
 * (experiments with the same number of seeds in one run plan, so cohorts form as in {@code make reproduce}; the
 * regular seeds come from the trial store), then every reported number is judged against the runs' values
 * ({@link Claim}) and {@code results/study/<id>/} and {@code results/study/README.md} are written.
 */
public final class StudyRunner {
    private StudyRunner() {
    }

    /** The experiments a study takes: those that train trials and have at least one number of their report. */
    public static boolean studied(ExperimentSpec spec) {
        return spec.kind() == Kind.TRAIN && spec.reference().measures().values().stream().anyMatch(v -> v.value() != null);
    }

    /** Runs the study of {@code experiments} and returns each one's result, in the order given. */
    public static List<StudyResult> run(List<ResolvedExperiment> experiments, StudyOptions options) {
        List<ResolvedExperiment> studied = experiments.stream().filter(e -> studied(e.spec())).toList();
        if (studied.isEmpty()) {
            throw new ReproException("None of " + experiments.stream().map(e -> e.spec().id()).toList() + " trains and has a"
                    + " number of its report to judge, so there is nothing to study. Fix: name experiments with reference"
                    + " values (repro list), or none for all of them.");
        }
        Map<Integer, List<ResolvedExperiment>> bySeeds = new TreeMap<>();
        for (ResolvedExperiment e : studied) {
            bySeeds.computeIfAbsent(seeds(e.spec(), options), k -> new ArrayList<>()).add(e);
        }
        long start = System.nanoTime();
        // How many of each experiment's trials the trial store has before any is trained: those are not this command's
        // work (a trial that one experiment trains and another shares counts as trained for both).
        Map<String, ExperimentStatus> before = new HashMap<>();
        for (Map.Entry<Integer, List<ResolvedExperiment>> group : bySeeds.entrySet()) {
            RunOptions run = runOptions(options, group.getKey());
            group.getValue().forEach(e -> before.put(e.spec().id(), ExperimentStatus.of(e, run)));
        }
        Map<String, ExperimentRunner.Outcome> outcomes = new HashMap<>();
        Map<String, List<Long>> seedLists = new HashMap<>();
        for (Map.Entry<Integer, List<ResolvedExperiment>> group : bySeeds.entrySet()) {
            options.log().printf("== study: %d experiment(s) with %d seeds each%n", group.getValue().size(), group.getKey());
            RunOptions run = runOptions(options, group.getKey());
            try (RunPlan plan = RunPlan.of(group.getValue(), run)) {
                for (ResolvedExperiment e : plan.assemblyOrder()) {
                    outcomes.put(e.spec().id(), ExperimentRunner.run(e, run, plan));
                    seedLists.put(e.spec().id(), ExperimentRunner.seeds(e.spec(), run));
                }
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        String machine = CpuModel.name() + ", " + Runtime.getRuntime().availableProcessors() + " cores";
        String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<StudyResult> results = new ArrayList<>();
        Path studyRoot = options.resultsRoot().resolve(StudyResult.FOLDER);
        for (ResolvedExperiment e : studied) {
            ExperimentSpec spec = e.spec();
            ExperimentRunner.Outcome outcome = outcomes.get(spec.id());
            List<Claim> claims = new ArrayList<>();
            for (Map.Entry<String, ReferenceSpec.Value> ref : spec.reference().measures().entrySet()) {
                if (ref.getValue().value() == null) {
                    continue;
                }
                List<Double> values = outcome.measured().get(ref.getKey());
                if (values == null) {
                    throw new IllegalStateException(spec.id() + " produced no " + ref.getKey() + " (its run checks its references)");
                }
                claims.add(Claim.judge(ref.getKey(), ref.getValue(), values));
            }
            String reason = options.seeds() != null ? "a short study: --seeds " + options.seeds()
                    : spec.study() == null ? null : spec.study().reason();
            ExperimentStatus status = before.get(spec.id());
            int fromStore = options.useTrialStore() ? status.stored() : 0;
            StudyResult result = new StudyResult(spec.id(), spec.title(), spec.report(), seedLists.get(spec.id()), reason,
                    Randomness.of(e), outcome.seconds(), status.trials() - fromStore, fromStore, machine, wall, e.sha256(),
                    CodeHash.current(), date, claims);
            result.write(studyRoot.resolve(spec.id()));
            results.add(result);
            options.log().printf(Locale.ROOT, "== %s: %d numbers, %d consistent, %d outside explained, %d outside unexplained%n",
                    spec.id(), claims.size(), result.count(Claim.Verdict.CONSISTENT), result.count(Claim.Verdict.EXPLAINED),
                    result.count(Claim.Verdict.UNEXPLAINED));
        }
        // The index lists every study in the folder, those of earlier calls for other experiments too.
        List<StudyResult> all = new ArrayList<>(results);
        all.addAll(earlierStudies(options.resultsRoot(), studied));
        all.sort(Comparator.comparing(StudyResult::id));
        StudyPages.writeIndex(studyRoot, all);
        options.log().printf(Locale.ROOT, "Study took %.1f s of wall time -> %s%n", wall, studyRoot);
        return results;
    }

    /** The options of the runs of the experiments that take {@code seeds} seeds. */
    private static RunOptions runOptions(StudyOptions options, int seeds) {
        return new RunOptions(options.experimentsDir(), options.dataDir(), options.runsRoot(), false, seeds, options.log(),
                options.useTrialStore(), options.jobs(), options.executor());
    }

    /** The studies already in the study folder for experiments this call did not study. */
    private static List<StudyResult> earlierStudies(Path resultsRoot, List<ResolvedExperiment> studied) {
        List<String> ids = studied.stream().map(e -> e.spec().id()).toList();
        List<StudyResult> earlier = new ArrayList<>();
        Path studyRoot = resultsRoot.resolve(StudyResult.FOLDER);
        if (!Files.isDirectory(studyRoot)) {
            return earlier;
        }
        try (Stream<Path> folders = Files.list(studyRoot)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                String id = folder.getFileName().toString();
                StudyResult study = ids.contains(id) ? null : StudyResult.readOrNull(resultsRoot, id);
                if (study != null) {
                    earlier.add(study);
                }
            }
        } catch (IOException e) {
            throw new ReproException("Cannot list " + studyRoot + ": " + e, e);
        }
        return earlier;
    }

    /** The number of seeds of an experiment's study: --seeds, else its spec's study seeds, else the default. */
    static int seeds(ExperimentSpec spec, StudyOptions options) {
        return options.seeds() != null ? options.seeds() : StudySpec.seedsOf(spec);
    }
}
