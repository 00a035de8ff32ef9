package org.repro4j.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options of the commands that train (run, search): QUICK mode, and where the data and the results are. */
final class RunFolders {
    @Option(names = "--quick", description = "A short smoke run on a data subset; written under target/quick-results unless --results is given")
    boolean quick;

    @Option(names = "--results", description = "Results folder (default: under ./results, or target/quick-results with --quick)")
    Path results;

    @Option(names = "--data-dir", description = "Data folder (default: $DATA_DIR, else ./data)")
    Path dataDir;

    /** {@code --results}, else {@code results/<sub>} ({@code target/quick-results/<sub>} with --quick) in the project folder. */
    Path resultsRoot(String sub) {
        return results != null ? results : Repro.home().resolve(quick ? "target/quick-results" : "results").resolve(sub);
    }

    Path dataDir() {
        return Repro.dataDir(dataDir);
    }
}
