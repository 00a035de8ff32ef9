package org.repro4j.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options of the commands that train (run, search, bench): QUICK mode, and where the data and the results are. */
final class RunFolders {
    @Option(names = "--quick", description = "A short smoke run on a data subset; written under target/quick-results unless --results is given")
    boolean quick;

    @Mixin
    ResultsOption results;

    @Mixin
    DataDirOption data;

    /** {@code --results}, else {@code results/<sub>} ({@code target/quick-results/<sub>} with --quick) in the project folder. */
    Path resultsRoot(String sub) {
        return results.orElse(Repro.home().resolve(quick ? "target/quick-results" : "results").resolve(sub));
    }

    Path dataDir() {
        return data.dataDir();
    }
}
