package org.repro4j.cli;

import org.repro4j.ReproException;
import org.repro4j.search.SearchOptions;
import org.repro4j.train.TrialExecutors;
import org.repro4j.search.SearchRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

@Command(name = "search", resourceBundle = "org.repro4j.cli.SearchCommand", description = {
        "Runs hyperparameter searches (Arbiter grid or random search) into results/search/<name>/.",
        "An interrupted search resumes from its journal when run again; --fresh starts it over."})
final class SearchCommand implements Runnable {
    @Parameters(arity = "1..*", paramLabel = "SPEC",
            description = "Search spec files (experiments/search/<name>.yaml) or just their names")
    List<String> specs;

    @Option(names = "--fresh", description = "Discard what an interrupted run of the search recorded and start over")
    boolean fresh;

    @Mixin
    RunFolders folders;

    @Mixin
    ExecutorOptions executor;

    @Override
    public void run() {
        TrialExecutors.Choice where = executor.choice();
        Path searches = Repro.home().resolve("experiments/search");
        List<Path> files = specs.stream().map(s -> s.endsWith(".yaml") || s.contains("/") ? Path.of(s)
                : searches.resolve(s + ".yaml")).toList();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new ReproException("No search spec at " + f + ". The searches are the files in " + searches + ".");
            }
        }
        BackendCommand.announce(System.out);
        SearchOptions options = new SearchOptions(folders.dataDir(), folders.resultsRoot("search"), folders.quick, fresh, System.out,
                where);
        for (Path f : files) {
            SearchRunner.run(f, options);
        }
    }
}
