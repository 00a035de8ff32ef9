package org.repro4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.repro4j.ReproException;
import org.repro4j.report.ResultsIndex;
import org.repro4j.report.StudyResult;
import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.ResolvedExperiment;
import org.repro4j.study.StudyOptions;
import org.repro4j.study.StudyRunner;
import org.repro4j.train.TrialExecutors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "study", resourceBundle = "org.repro4j.cli.StudyCommand", description = {
        "The seed study: runs each experiment with many seeds (its spec's study.seeds, else 20)",
        "and judges every number its report prints against the spread of those runs: consistent when the interval its",
        "printed digits stand for meets the 95%% prediction interval of one more run (the runs' range for a count).",
        "Writes results/study/<id>/ (study.json, strips.png) and results/study/README.md; then 'repro page' shows the",
        "verdicts on the report pages. Trials trained before (make reproduce's seeds) come from target/trials.",
        "Exit 1 when a number is outside and its spec does not explain why (a note on that reference)."})
final class StudyCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "ID", description = "Experiment ids (default: every one that trains and has numbers of its report)")
    List<String> ids = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "N", description = "Seeds of every experiment instead of each spec's (a short study)")
    Integer seeds;

    @Mixin
    ResultsOption results;

    @Mixin
    DataDirOption data;

    @Mixin
    TrialOptions trials;

    @Mixin
    ExecutorOptions executor;

    @Override
    public Integer call() {
        if (seeds != null && seeds < 2) {
            throw new ReproException("--seeds must be at least 2 (a spread needs two runs), got " + seeds);
        }
        int jobs = trials.jobs();
        TrialExecutors.Choice where = executor.choice();
        Path home = Repro.home();
        Path experiments = home.resolve("experiments");
        List<String> chosen = ids.isEmpty() ? ExperimentCatalog.load(experiments).stream().map(ExperimentSpec::id).toList() : ids;
        List<ResolvedExperiment> resolved = ExperimentCatalog.resolve(experiments, chosen);
        BackendCommand.announce(System.out);
        Path root = results.orElse(home.resolve("results"));
        StudyOptions options = new StudyOptions(experiments, data.dataDir(), root, home.resolve("target/study-runs"), seeds,
                trials.useTrialStore(), jobs, where, System.out);
        List<StudyResult> studies = StudyRunner.run(resolved, options);
        // The index's seed-study column reads the studies just written (the runs of the study assemble elsewhere).
        ResultsIndex.write(root);
        String peak = PeakMemory.describe();
        if (peak != null) {
            System.out.println(peak);
        }
        List<String> unexplained = new ArrayList<>();
        studies.forEach(s -> unexplained.addAll(s.unexplained()));
        unexplained.forEach(u -> System.out.println("OUTSIDE, unexplained: " + u));
        System.out.printf(Locale.ROOT, "%d studies written under %s; %d numbers outside and unexplained%n", studies.size(),
                root.resolve(StudyResult.FOLDER), unexplained.size());
        return unexplained.isEmpty() ? 0 : 1;
    }
}
