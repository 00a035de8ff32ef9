package org.repro4j.cli;

import org.repro4j.ReproException;
import org.repro4j.spec.ResolvedExperiment;
import org.repro4j.train.ExperimentRunner;
import org.repro4j.train.RunOptions;
import org.repro4j.train.RunPlan;
import org.repro4j.train.TrialExecutors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "run", resourceBundle = "org.repro4j.cli.RunCommand", description = {
        "Runs experiments and writes results/<id>/ (summary.json, metrics.csv, README.md, figures),",
        "then compares every measure with the published results (HEAD:results/, or --against) and writes VERIFY.md.",
        "Exit 1 when a measure drifted beyond its tolerance or lies outside its band without an explanation in its spec.",
        "Trials trained before on this machine are taken from target/trials; everything else is trained.",
        "A run that fails or is interrupted leaves the previous results untouched."})
final class RunCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "ID", description = "Experiment ids (see 'repro list')")
    List<String> ids;

    @Option(names = "--seeds", description = "Number of seeds for multi-seed experiments (default: the spec's)")
    Integer seeds;

    @Mixin
    RunFolders folders;

    @Mixin
    TrialOptions trials;

    @Option(names = "--against", paramLabel = "DIR|REV", description = "Compare the run's measures with these results: a folder"
            + " holding <id>/summary.json, or a git revision whose results/ to read (default: HEAD, the published results;"
            + " a QUICK run is compared only when --against is given)")
    String against;

    @Option(names = "--all", description = "List every measure in the verification table, not only those that are not identical")
    boolean all;

    @Mixin
    ExecutorOptions executor;

    @Override
    public Integer call() {
        if (seeds != null && seeds < 1) {
            throw new ReproException("--seeds must be at least 1, got " + seeds);
        }
        int jobs = trials.jobs();
        TrialExecutors.Choice where = executor.choice();
        Path home = Repro.home();
        Path experiments = home.resolve("experiments");
        List<ResolvedExperiment> resolved = ExperimentCatalog.resolve(experiments, ids);
        BackendCommand.announce(System.out);
        RunOptions options = new RunOptions(experiments, folders.dataDir(), folders.resultsRoot(""), folders.quick, seeds,
                System.out, trials.useTrialStore(), jobs, where);
        List<String> timings = new ArrayList<>();
        long start = System.nanoTime();
        double work = 0;
        try (RunPlan plan = RunPlan.of(resolved, options)) {
            for (ResolvedExperiment experiment : plan.assemblyOrder()) {
                ExperimentRunner.Outcome done = ExperimentRunner.run(experiment, options, plan);
                work += done.seconds();
                timings.add(String.format(Locale.ROOT, "%-28s %8.1f s", experiment.id(), done.seconds()));
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        if (ids.size() > 1) {
            System.out.println("\nSeconds of work per experiment (its trials' training on one worker each, a shared trial counted"
                    + " where it was first used, and its own assembly):");
            timings.forEach(System.out::println);
            System.out.printf(Locale.ROOT, "%-28s %8.1f s%n", "total", work);
        }
        String peak = PeakMemory.describe();
        if (where.local()) {
            System.out.printf(Locale.ROOT, "Experiments took %.1f s of wall time with %d trial%s at once%s%n", wall, options.jobs(),
                    options.jobs() == 1 ? "" : "s", peak == null ? "" : "; " + peak);
        } else {
            System.out.printf(Locale.ROOT, "Experiments took %.1f s of wall time, trials trained by the %s executor at %s%s%n",
                    wall, where.kind(), where.master(), peak == null ? "" : "; " + peak + " (the driver)");
        }
        if (folders.quick && against == null) {
            System.out.println("QUICK run: not compared with the published results, which are full runs (--against DIR compares it"
                    + " with other QUICK results).");
            return 0;
        }
        return RunVerification.verify(resolved, options.resultsRoot(), against, all, System.out).isEmpty() ? 0 : 1;
    }
}
