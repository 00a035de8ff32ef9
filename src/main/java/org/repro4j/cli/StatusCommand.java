package org.repro4j.cli;

import org.repro4j.report.StudyResult;
import org.repro4j.search.SearchStatus;
import org.repro4j.spec.ResolvedExperiment;
import org.repro4j.train.CodeHash;
import org.repro4j.train.ExperimentStatus;
import org.repro4j.train.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code repro status}: for every experiment, whether its results are what the spec and code would
 * produce now, and what a {@code make reproduce} here would do with it. Runs nothing; CI calls it to
 * check that the committed results match the committed code.
 */
@Command(name = "status", description = {"For every experiment: are results/<id>/ current (the spec, code, seeds and data",
        "files they record are today's; if not, why), and would 'make reproduce' train it here or find its trials in",
        "target/trials. Without IDs, the same for every search's results/search/<name>/; and whether each seed study in",
        "results/study/<id>/ was made by today's spec and code.",
        "Runs nothing. Exit 1 when a result is not current."})
final class StatusCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "ID", description = "Experiment ids (default: all)")
    List<String> ids = new ArrayList<>();

    @Mixin
    ResultsOption results;

    @Override
    public Integer call() {
        Path home = Repro.home();
        Path experiments = home.resolve("experiments");
        List<String> selected = ids.isEmpty()
                ? ExperimentCatalog.load(experiments).stream().map(s -> s.id()).toList() : ids;
        Path resultsRoot = results.orProjectResults();
        RunOptions options = new RunOptions(experiments, null, resultsRoot, false, null, System.out);
        int width = Math.max("experiment".length(), selected.stream().mapToInt(String::length).max().orElse(0));
        System.out.printf("%-" + width + "s  %-44s  %s%n", "experiment", "results", "make reproduce here");
        int stale = 0;
        for (ResolvedExperiment experiment : ExperimentCatalog.resolve(experiments, selected)) {
            ExperimentStatus status = ExperimentStatus.of(experiment, options);
            stale += status.current() ? 0 : 1;
            System.out.printf("%-" + width + "s  %-44s  %s%n", experiment.id(),
                    status.current() ? "current" : "STALE: " + String.join(", ", status.stale()), wouldDo(status));
        }
        int staleStudies = 0;
        int studies = 0;
        for (ResolvedExperiment experiment : ExperimentCatalog.resolve(experiments, selected)) {
            StudyResult study = StudyResult.readOrNull(resultsRoot, experiment.id());
            if (study == null) {
                continue;
            }
            studies++;
            List<String> why = study.staleness(experiment.sha256(), CodeHash.current());
            staleStudies += why.isEmpty() ? 0 : 1;
            System.out.printf("%-" + width + "s  %-44s  %s%n", "study " + experiment.id(),
                    why.isEmpty() ? "current" : "STALE: " + String.join(", ", why), "-");
        }
        int staleSearches = 0;
        List<Path> searches = ids.isEmpty() ? searchSpecs(experiments.resolve("search")) : List.of();
        for (Path spec : searches) {
            SearchStatus status = SearchStatus.of(spec, resultsRoot.resolve("search"));
            staleSearches += status.current() ? 0 : 1;
            System.out.printf("%-" + width + "s  %-44s  %s%n", "search " + status.name(),
                    status.current() ? "current" : "STALE: " + String.join(", ", status.stale()), "-");
        }
        System.out.println(stale == 0 ? "All " + selected.size() + " results are current."
                : stale + " of " + selected.size() + " results are not current: 'make reproduce' (or make <id>) remakes them;"
                + " commit results/ afterwards.");
        if (!searches.isEmpty()) {
            System.out.println(staleSearches == 0 ? "All " + searches.size() + " search results are current."
                    : staleSearches + " of " + searches.size() + " search results are not current: 'make search FRESH=1' "
                    + "remakes them; commit results/search afterwards.");
        }
        if (studies > 0) {
            System.out.println(staleStudies == 0 ? "All " + studies + " seed studies are current."
                    : staleStudies + " of " + studies + " seed studies are not current: 'make study' remakes them;"
                    + " commit results/study afterwards.");
        }
        return stale == 0 && staleSearches == 0 && staleStudies == 0 ? 0 : 1;
    }

    /** The search specs, as {@code make search} finds them (experiments/search/*.yaml), sorted. */
    private static List<Path> searchSpecs(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static String wouldDo(ExperimentStatus s) {
        if (s.trials() == 0) {
            return "computes it (no training)";
        }
        if (s.stored() == s.trials()) {
            return "takes all " + s.trials() + " trials from target/trials";
        }
        return "trains " + (s.trials() - s.stored()) + " of " + s.trials() + " trials"
                + (s.stored() > 0 ? " (" + s.stored() + " in target/trials)" : "");
    }
}
