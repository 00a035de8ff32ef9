package org.repro4j.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.repro4j.bench.Benchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", description = {"Times one training step and one epoch of the VU MLP and the DD2424 softmax layer",
        "with DL4J's fit and the lean step, beside NumPy and the hardware floor; writes results/bench.md."})
final class BenchCommand implements Runnable {
    @Option(names = "--out", description = "The page to write (default: results/bench.md)")
    Path out;

    @Option(names = "--quick", description = "A few steps and small epochs only (a smoke run; numbers not meaningful)")
    boolean quick;

    @Option(names = "--no-default-env", description = "Skip the step timings in a child JVM without the speed settings")
    boolean noDefaultEnv;

    @Option(names = "--data-dir", description = "Data folder (default: $DATA_DIR, else ./data)")
    Path dataDir;

    @Option(names = "--steps-json", hidden = true, description = "Internal: print the step timings as JSON and exit")
    boolean stepsJson;

    @Override
    public void run() {
        if (stepsJson) {
            try {
                Benchmark.printStepsJson(quick);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return;
        }
        Path home = Repro.home();
        Path page = out != null ? out : home.resolve("results/bench.md");
        Benchmark.run(new Benchmark.Options(home, Repro.dataDir(dataDir), page, quick, !noDefaultEnv), System.out);
    }
}
