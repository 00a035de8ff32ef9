package org.repro4j.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repro4j.spec.Engine;
import org.repro4j.train.ResultProvenance;
import org.repro4j.train.Timing;


/**
 * Runs the whole benchmark and writes the page: machine peaks, the step benchmark in this
 * process (tuned settings) and in a default-environment child, the NumPy reference, the
 * end-to-end epochs on the real data, and the floor of the whole suite beside its last run.
 */
public final class Benchmark {
    private Benchmark() {
    }

    /**
     * @param home           the project folder (for {@code bench/numpy_step.py})
     * @param quick          a short smoke run (a few steps, 500-example epochs); numbers are not meaningful
     * @param defaultEnvRun  also time the steps in a child JVM without the speed settings
     */
    public record Options(Path home, Path dataDir, Path out, boolean quick, boolean defaultEnvRun) {
    }

    /** Runs everything, writes {@code options.out()} and returns its path. */
    public static Path run(Options options, PrintStream log) {
        long start = System.nanoTime();
        Budget budget = options.quick() ? Budget.QUICK : Budget.FULL;
        String loadBefore = MachineInfo.loadAverage();

        log.println("bench: measuring machine peaks");
        MachinePeak peak = MachinePeak.measure(budget.peakRepeats());
        log.printf("bench: %.0f GFLOP/s, %.0f GB/s%n", peak.gflops(), peak.gbPerSecond());

        log.println("bench: one training step, fit vs lean");
        Map<String, Map<String, Timing>> steps = StepBench.run(BenchCase.ALL, budget);
        steps.forEach((c, t) -> log.printf("bench:   %-26s fit %.3f ms, lean %.3f ms%n", c,
                t.get(Engine.FIT.toString()).medianMs(), t.get(Engine.LEAN.toString()).medianMs()));

        Map<String, Map<String, Timing>> defaultEnv = null;
        if (options.defaultEnvRun()) {
            log.println("bench: the same steps in a child JVM with the default environment");
            defaultEnv = DefaultEnvironmentRun.run(options.quick(), log);
        }

        log.println("bench: NumPy reference (" + NumpyReference.SCRIPT + ")");
        NumpyReference numpy = NumpyReference.run(options.home(), budget.numpySteps(), budget.numpyRounds(),
                budget.warmupSteps());
        if (numpy.unavailable() != null) {
            log.println("bench:   no NumPy reference: " + numpy.unavailable());
        }

        log.println("bench: one epoch on the real data, fit vs lean");
        EpochBench epochs = new EpochBench(options.dataDir(), budget.maxEpochExamples());
        Map<String, Map<String, EpochBench.EpochTiming>> epochTimes = new LinkedHashMap<>();
        for (BenchCase c : BenchCase.ALL) {
            Map<String, EpochBench.EpochTiming> byEngine = new LinkedHashMap<>();
            for (Engine engine : Engine.values()) {
                boolean slow = engine == Engine.FIT && c.batchSize() == 1;
                byEngine.put(engine.toString(), epochs.time(c, engine, slow ? budget.slowEpochRepeats() : budget.epochRepeats()));
                log.printf("bench:   %-26s %-4s %.2f s per epoch%n", c.name(), engine, byEngine.get(engine.toString()).medianSeconds());
            }
            epochTimes.put(c.name(), byEngine);
        }

        peak = peak.max(MachinePeak.measure(budget.peakRepeats()));
        log.printf("bench: peaks, the higher of two measurements: %.0f GFLOP/s, %.0f GB/s%n", peak.gflops(), peak.gbPerSecond());

        SuiteFloor suite = null;
        if (!options.quick()) {
            log.println("bench: the arithmetic of the whole suite, from results/ and the data's split sizes");
            suite = SuiteFloor.count(options.home().resolve("experiments"), options.home().resolve("results"), options.dataDir(),
                    peak.gflops(), Runtime.getRuntime().availableProcessors());
        }

        double wall = (System.nanoTime() - start) / 1e9;
        BenchReport report = new BenchReport(ResultProvenance.capture(null, List.of(), wall, null), options.quick(),
                loadBefore, MachineInfo.loadAverage(), peak, steps, defaultEnv, numpy, epochTimes, suite);
        report.write(options.out());
        log.printf("bench: wrote %s (%.0f s)%n", options.out(), wall);
        return options.out();
    }

    /** The default-environment child's part: the step benchmark as one marked JSON line on stdout. */
    public static void printStepsJson(boolean quick) throws java.io.IOException {
        DefaultEnvironmentRun.printSteps(quick);
    }
}
