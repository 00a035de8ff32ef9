package org.repro4j.bench;

import org.repro4j.CpuModel;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.repro4j.spec.Engine;
import org.repro4j.train.Timing;

import org.repro4j.ReproException;
import org.repro4j.report.Provenance;
import org.repro4j.train.TrainingEngine;

/** Writes {@code results/bench.md}: settings, then the step and epoch tables, every number from this run. */
record BenchReport(Provenance provenance, boolean quick, String loadBefore, String loadAfter, MachinePeak peak,
                   Map<String, Map<String, Timing>> steps, Map<String, Map<String, Timing>> defaultEnv,
                   NumpyReference numpy, Map<String, Map<String, EpochBench.EpochTiming>> epochs, SuiteFloor suite) {
    private static final String FIT = Engine.FIT.toString();
    private static final String LEAN = Engine.LEAN.toString();

    void write(Path out) {
        try {
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(out, markdown());
        } catch (IOException e) {
            throw new ReproException("Cannot write " + out + ": " + e.getMessage()
                    + ". Check that the folder is writable, or pass another --out.", e);
        }
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Training speed: DL4J fit, the lean step, NumPy and the hardware floor\n\n");
        if (quick) {
            md.append("**QUICK run: a few steps and 500-example epochs; the numbers are not meaningful.**\n\n");
        }
        md.append("Written by `make bench` (`bin/repro bench`). Every number below was measured in this run, ")
                .append(f("%.0f", provenance.wallSeconds())).append(" s of wall time, on ")
                .append(provenance.date()).append(". How the benchmark works and the history of each change: ")
                .append("[`bench/NOTES.md`](../bench/NOTES.md).\n\n");
        settings(md);
        stepTable(md);
        epochTable(md);
        floorTable(md);
        suiteTable(md);
        return md.toString();
    }

    private void settings(StringBuilder md) {
        Map<String, String> env = provenance.nd4jEnvironment();
        md.append("## Machine and settings\n\n| | |\n|---|---|\n");
        row(md, "CPU", CpuModel.name() + ", " + provenance.cpuCores() + " cores");
        row(md, "load average (1, 5, 15 min) before / after", loadBefore + " / " + loadAfter);
        row(md, "backend", provenance.backend());
        row(md, "BLAS", provenance.blasVendor() + ", OPENBLAS_CORETYPE=" + provenance.openblasCoretype()
                + ", OMP_NUM_THREADS=" + provenance.ompNumThreads() + ", ND4J reports "
                + env.entrySet().stream().filter(e -> e.getKey().contains("threads") || e.getKey().contains("cores"))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
        row(md, "JVM", provenance.javaVendor() + " " + provenance.javaVersion() + ", "
                + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-Drepro.home")).toList()));
        row(md, "DL4J", provenance.dl4jVersion());
        row(md, "code", provenance.gitCommit() == null ? "not a git checkout"
                : provenance.gitCommit() + (Boolean.TRUE.equals(provenance.gitDirty()) ? " (uncommitted changes)" : ""));
        row(md, "NumPy", numpy.version() != null ? numpy.version() + ", OPENBLAS_NUM_THREADS=" + provenance.ompNumThreads()
                : "not measured: " + numpy.unavailable());
        row(md, "peaks", f("%.1f", peak.gflops()) + " GFLOP/s (float32 1024^3 sgemm), "
                + f("%.1f", peak.gbPerSecond()) + " GB/s (y += a*x over two 1.2 MB float arrays)");
        md.append('\n');
    }

    private void stepTable(StringBuilder md) {
        md.append("## One training step\n\n")
                .append("Median milliseconds per step (10th-90th percentile), after a warm-up, with the engines ")
                .append("interleaved in rounds. `fit` = `MultiLayerNetwork.fit(DataSet)`; `lean` = ")
                .append("`LeanSgdStep.step` on the same network type (same parameters up to float rounding, ")
                .append("`LeanSgdStepTest`). \"default env\" = a child JVM without `bin/env.sh`'s settings ")
                .append("(no OPENBLAS_CORETYPE, OpenMP's default threads, no JavaCPP maxphysicalbytes=0): ")
                .append("where training stood before. Ratios are of medians.\n\n");
        md.append("| case | fit, default env | fit | lean | fit / lean | default-env fit / lean | NumPy | lean / NumPy | floor | lean / floor |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (BenchCase c : BenchCase.ALL) {
            Timing fit = steps.get(c.name()).get(FIT);
            Timing lean = steps.get(c.name()).get(LEAN);
            Timing before = defaultEnv == null ? null : defaultEnv.get(c.name()).get(FIT);
            Timing np = numpy.cases().get(c.name());
            double floor = peak.floorMs(c);
            md.append("| ").append(c.name())
                    .append(" | ").append(before == null ? "-" : timing(before))
                    .append(" | ").append(timing(fit))
                    .append(" | ").append(timing(lean))
                    .append(" | ").append(ratio(fit.medianMs(), lean.medianMs()))
                    .append(" | ").append(before == null ? "-" : ratio(before.medianMs(), lean.medianMs()))
                    .append(" | ").append(np == null ? "-" : timing(np))
                    .append(" | ").append(np == null ? "-" : ratio(lean.medianMs(), np.medianMs()))
                    .append(" | ").append(f("%.3f", floor))
                    .append(" | ").append(ratio(lean.medianMs(), floor)).append(" |\n");
        }
        md.append("\nSteps per second over all timed steps (GC pauses included): ");
        md.append(BenchCase.ALL.stream().map(c -> c.name() + " fit " + f("%.0f", steps.get(c.name()).get(FIT).stepsPerSecond())
                + ", lean " + f("%.0f", steps.get(c.name()).get(LEAN).stepsPerSecond())).collect(Collectors.joining("; ")));
        md.append(".\n\n");
        targets(md);
    }

    private void targets(StringBuilder md) {
        md.append("Targets (issue 6): batch-1 MLP step median at most 0.3 ms (aim 0.15), batch-100 softmax step at ")
                .append("most 1 ms (aim 0.5). This run, lean: ");
        md.append(BenchCase.ALL.stream().map(c -> {
            double ms = steps.get(c.name()).get(LEAN).medianMs();
            double limit = c.batchSize() == 1 ? 0.3 : 1.0;
            double aim = c.batchSize() == 1 ? 0.15 : 0.5;
            String verdict = ms <= aim ? "meets the aim" : ms <= limit ? "meets the target" : "MISSES the target";
            return c.name() + " " + f("%.3f", ms) + " ms " + verdict;
        }).collect(Collectors.joining("; ")));
        md.append(".\n\n");
    }

    private void epochTable(StringBuilder md) {
        md.append("## One epoch on the real data\n\n")
                .append("The path `TrainExperiment` takes: the protocol's training split, a `MiniBatchIterator` ")
                .append("reusing its batch memory, a listener after every step, and `TrainingEngine.fitEpoch` ")
                .append("(`fit` = `net.fit(iterator)`, `lean` = `LeanTrainer`). Median seconds per epoch.\n\n");
        md.append("| case | data | steps | fit s (epochs) | lean s (epochs) | fit / lean | lean steps/s |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (BenchCase c : BenchCase.ALL) {
            EpochBench.EpochTiming fit = epochs.get(c.name()).get(FIT);
            EpochBench.EpochTiming lean = epochs.get(c.name()).get(LEAN);
            md.append("| ").append(c.name()).append(" | ").append(c.protocol()).append(", ").append(lean.examples())
                    .append(" examples | ").append(lean.steps())
                    .append(" | ").append(f("%.2f", fit.medianSeconds())).append(" (").append(fit.repeats()).append(')')
                    .append(" | ").append(f("%.2f", lean.medianSeconds())).append(" (").append(lean.repeats()).append(')')
                    .append(" | ").append(ratio(fit.medianSeconds(), lean.medianSeconds()))
                    .append(" | ").append(f("%.0f", lean.stepsPerSecond())).append(" |\n");
        }
        md.append('\n');
    }

    private void floorTable(StringBuilder md) {
        md.append("## The floor\n\n")
                .append("The least time a float32 step can take on this machine: the larger of its arithmetic at ")
                .append("the measured sgemm peak and its memory traffic at the measured bandwidth. Arithmetic = ")
                .append("the forward product, the weight-gradient product fused with the update, and the ")
                .append("input-gradient product of every layer but the first; traffic = each weight matrix read ")
                .append("once forward and read and written once by the update, and the input batch read twice.\n\n");
        md.append("| case | MFLOP per step | MB per step | floor ms (arithmetic, memory) |\n|---|---|---|---|\n");
        for (BenchCase c : BenchCase.ALL) {
            md.append("| ").append(c.name()).append(" | ").append(f("%.2f", c.flopsPerStep() / 1e6))
                    .append(" | ").append(f("%.2f", c.bytesPerStep() / 1e6))
                    .append(" | ").append(f("%.3f", peak.floorMs(c))).append(" (")
                    .append(f("%.3f", 1e3 * c.flopsPerStep() / (peak.gflops() * 1e9))).append(", ")
                    .append(f("%.3f", 1e3 * c.bytesPerStep() / (peak.gbPerSecond() * 1e9))).append(") |\n");
        }
    }

    private void suiteTable(StringBuilder md) {
        md.append("\n## The whole suite\n\n");
        if (suite == null) {
            md.append("Not counted in a QUICK run.\n");
            return;
        }
        md.append("The arithmetic of every experiment in `results/`, as its last full run did it, at the sgemm peak of one core (")
                .append(f("%.1f", suite.gflopsPerCore())).append(" GFLOP/s), beside the seconds of work its `summary.json` records:")
                .append(" its trials' training, each on one worker, and its own assembly (its results and figures),")
                .append(" without the time it waited for trials. A run trains trials of all experiments at once, one per")
                .append(" core, so the seconds of work add up to about the cores times the run's wall time, which")
                .append(" `make reproduce` prints at the end. Each trial counts once, in the first experiment by id")
                .append(" that uses it, as the run counts its seconds. Training: the updates")
                .append(" its `steps` measure counts, each a forward product, a weight-gradient product and an")
                .append(" input-gradient product below the first layer. Evaluation: a forward pass over a split for")
                .append(" every curve point any experiment's `metrics.csv` lists for the trial, plus each split untrained and at the end, and the test split once")
                .append(" more (the true-class histogram). Gradient checks and derivatives are not counted.\n\n");
        md.append("| experiment | trials counted | training TFLOP | evaluation TFLOP | floor s (one core) | measured s of work | measured / floor |\n")
                .append("|---|---|---|---|---|---|---|\n");
        double train = 0;
        double eval = 0;
        double measured = 0;
        for (SuiteFloor.Row r : suite.rows()) {
            train += r.trainGflop();
            eval += r.evalGflop();
            measured += r.measuredSeconds() == null ? 0 : r.measuredSeconds();
            suiteRow(md, "`" + r.id() + "`", String.valueOf(r.trials()), r.trainGflop(), r.evalGflop(), r.measuredSeconds());
        }
        suiteRow(md, "total", String.valueOf(suite.rows().stream().mapToInt(SuiteFloor.Row::trials).sum()), train, eval, measured);
        md.append("\nOn all ").append(suite.cores()).append(" cores the whole suite's floor is ")
                .append(f("%.1f", suite.floorSeconds(train + eval) / suite.cores())).append(" s of wall time.\n");
    }

    private void suiteRow(StringBuilder md, String name, String trials, double trainGflop, double evalGflop, Double measured) {
        double floor = suite.floorSeconds(trainGflop + evalGflop);
        md.append("| ").append(name).append(" | ").append(trials)
                .append(" | ").append(f("%.3f", trainGflop / 1e3)).append(" | ").append(f("%.3f", evalGflop / 1e3))
                .append(" | ").append(f("%.1f", floor))
                .append(" | ").append(measured == null ? "-" : f("%.1f", measured))
                .append(" | ").append(measured == null || floor < 0.05 ? "-" : ratio(measured, floor)).append(" |\n");
    }

    private static String timing(Timing t) {
        return f("%.3f", t.medianMs()) + " (" + f("%.3f", t.p10Ms()) + "-" + f("%.3f", t.p90Ms()) + ")";
    }

    private static String ratio(double a, double b) {
        return f("%.2f", a / b) + "x";
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }

    private static String f(String format, double v) {
        return String.format(Locale.ROOT, format, v);
    }
}
