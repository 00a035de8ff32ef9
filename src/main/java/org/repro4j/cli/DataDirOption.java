package org.repro4j.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** {@code --data-dir}: where the data sets are, for every command that reads them (a picocli mixin). */
final class DataDirOption {
    @Option(names = "--data-dir", description = "Data folder (default: $DATA_DIR, else ./data)")
    Path dataDir;

    /** {@code --data-dir}, else $DATA_DIR, else ./data. */
    Path dataDir() {
        return Repro.dataDir(dataDir);
    }
}
