package org.repro4j.cli;

import org.repro4j.search.SearchOptions;
import org.repro4j.search.SearchRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

@Command(name = "search", description = {"Runs hyperparameter searches (Arbiter grid or random search) into results/search/<name>/.",
        "An interrupted search resumes from its journal when run again; --fresh starts it over."})
final class SearchCommand implements Runnable {
    @Parameters(arity = "1..*", paramLabel = "SPEC",
            description = "Search spec files (experiments/search/<name>.yaml) or just their names")
    List<String> specs;

    @Option(names = "--quick", description = "A smoke run: a few candidates on a data subset; writes to target/quick-results/search unless --results is given")
    boolean quick;

    @Option(names = "--fresh", description = "Discard what an interrupted run of the search recorded and start over")
    boolean fresh;

    @Option(names = "--results", description = "Results folder (default: ./results/search, or target/quick-results/search with --quick)")
    Path results;

    @Option(names = "--data-dir", description = "Data folder (default: $DATA_DIR, else ./data)")
    Path dataDir;

    @Override
    public void run() {
        Path home = Repro.home();
        List<Path> files = specs.stream().map(s -> specFile(home, s)).toList();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new org.repro4j.ReproException("No search spec at " + f + ". The searches are the files in "
                        + home.resolve("experiments/search") + ".");
            }
        }
        Path out = results != null ? results : home.resolve(quick ? "target/quick-results/search" : "results/search");
        BackendCommand.announce(System.out);
        SearchOptions options = new SearchOptions(Repro.dataDir(dataDir), out, quick, fresh, System.out);
        for (Path f : files) {
            SearchRunner.run(f, options);
        }
    }

    /** A path as given, or a bare name looked up in experiments/search/. */
    private static Path specFile(Path home, String spec) {
        if (spec.endsWith(".yaml") || spec.endsWith(".yml") || spec.contains("/")) {
            return Path.of(spec);
        }
        return home.resolve("experiments/search").resolve(spec + ".yaml");
    }
}
