package org.repro4j.cli;

import org.repro4j.ReproException;
import org.repro4j.train.ExperimentRunner;
import org.repro4j.train.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

@Command(name = "run", description = {"Runs experiments and writes results/<id>/ (summary.json, metrics.csv, README.md, figures).",
        "A run that fails or is interrupted leaves the previous results untouched."})
final class RunCommand implements Runnable {
    @Parameters(arity = "1..*", paramLabel = "ID", description = "Experiment ids (see 'repro list')")
    List<String> ids;

    @Option(names = "--quick", description = "A short smoke run on a data subset; writes to target/quick-results unless --results is given")
    boolean quick;

    @Option(names = "--seeds", description = "Number of seeds for multi-seed experiments (default: the spec's)")
    Integer seeds;

    @Option(names = "--results", description = "Results folder (default: ./results, or target/quick-results with --quick)")
    Path results;

    @Option(names = "--data-dir", description = "Data folder (default: $DATA_DIR, else ./data)")
    Path dataDir;

    @Override
    public void run() {
        if (seeds != null && seeds < 1) {
            throw new ReproException("--seeds must be at least 1, got " + seeds);
        }
        Path home = Repro.home();
        Path experiments = home.resolve("experiments");
        for (String id : ids) {
            if (!Files.isRegularFile(experiments.resolve(id + ".yaml"))) {
                throw new ReproException("Unknown experiment '" + id + "'. Run 'repro list' to see the ids.");
            }
        }
        Path out = results != null ? results : home.resolve(quick ? "target/quick-results" : "results");
        BackendCommand.announce(System.out);
        RunOptions options = new RunOptions(experiments, Repro.dataDir(dataDir), out, quick, seeds, System.out);
        for (String id : ids) {
            ExperimentRunner.run(id, options);
        }
    }
}
