package org.repro4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.repro4j.bench.Benchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", resourceBundle = "org.repro4j.cli.BenchCommand", description = {"Times one training step and one epoch of the VU MLP and the DD2424 softmax layer",
        "with DL4J's fit and the lean step, beside NumPy and the hardware floor; writes results/bench.md",
        "(target/quick-results/bench.md with --quick)."})
final class BenchCommand implements Runnable {
    static final String PAGE = "bench.md";

    @Mixin
    RunFolders folders;

    @Option(names = "--no-default-env", description = "Skip the step timings in a child JVM without the speed settings")
    boolean noDefaultEnv;

    @Option(names = "--steps-json", hidden = true, description = "Internal: print the step timings as JSON and exit")
    boolean stepsJson;

    @Override
    public void run() {
        if (stepsJson) {
            try {
                Benchmark.printStepsJson(folders.quick);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        Benchmark.run(new Benchmark.Options(Repro.home(), folders.dataDir(), folders.resultsRoot("").resolve(PAGE),
                folders.quick, !noDefaultEnv), System.out);
    }
}
