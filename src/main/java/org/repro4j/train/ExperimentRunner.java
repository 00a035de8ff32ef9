package org.repro4j.train;

import org.repro4j.ReproException;
import org.repro4j.report.ResultsDir;
import org.repro4j.report.ResultsIndex;
import org.repro4j.report.ResultsPage;
import org.repro4j.report.Summary;
import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.ReferenceSpec;
import org.repro4j.spec.ResolvedExperiment;
import org.repro4j.spec.SpecLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs one experiment from its spec into {@code results/<id>/}: the kind does the work, then the
 * measured values are put beside the report's, and the folder is written in one move at the end so
 * a failed or interrupted run leaves the previous results as they were.
 */
public final class ExperimentRunner {
    private ExperimentRunner() {
    }

    /** Loads the experiment's spec (once) and runs it. @return the finished results folder */
    public static Path run(String id, RunOptions options) {
        return run(SpecLoader.resolve(options.experimentsDir().resolve(id + ".yaml")), options);
    }

    /** Plans the experiment's trials and runs it. @return the finished results folder */
    public static Path run(ResolvedExperiment experiment, RunOptions options) {
        try (RunPlan plan = RunPlan.of(List.of(experiment), options)) {
            return run(experiment, options, plan).folder();
        }
    }

    /**
     * Runs one of the experiments a run planned (which checked its reference measures).
     *
     * @param plan the run's trials, this experiment's among them
     */
    public static Outcome run(ResolvedExperiment experiment, RunOptions options, RunPlan plan) {
        ExperimentSpec spec = experiment.spec();
        String id = spec.id();
        List<Long> seeds = seeds(spec, options);
        long start = System.nanoTime();
        options.log().printf("== %s: %s (%s)%n", id, spec.title(), options.quick() ? "QUICK" : "full run");
        ExperimentKind kind = ExperimentKind.of(spec.kind());
        try (ResultsDir out = ResultsDir.stage(options.resultsRoot(), id)) {
            ExperimentContext ctx = new ExperimentContext(experiment, out.path(), options, seeds, plan);
            kind.run(ctx);
            double seconds = ctx.seconds((System.nanoTime() - start) / 1e9);
            Summary summary = summarise(spec, ctx);
            summary.provenance(ResultProvenance.capture(experiment.sha256(), seeds, seconds,
                    ResultProvenance.recipe(experiment, options.quick(), ctx.trials(), ctx.trainedOn())));
            // The resolved spec that specSha256 hashes: sha256sum spec.json gives it.
            Files.writeString(out.path().resolve("spec.json"), experiment.canonicalJson());
            summary.write(out.path().resolve("summary.json"));
            ResultsPage.write(out.path().resolve("README.md"), summary, ctx.figures(), spec.description());
            out.commit();
            ResultsIndex.write(options.resultsRoot());
            options.log().printf(Locale.ROOT, "== %s done (%.1f s of work) -> %s%n", id, seconds, options.resultsRoot().resolve(id));
            return new Outcome(options.resultsRoot().resolve(id), seconds, ctx.measured());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A finished experiment.
     *
     * @param folder  its results folder
     * @param seconds the seconds spent on it: its trials' training on one worker each (a trial shared
     *                with an earlier experiment counts there) and its own work, without waiting
     * @param measured each measure's values, one per seed in seed order (a seed study judges reported numbers by them)
     */
    public record Outcome(Path folder, double seconds, Map<String, List<Double>> measured) {
        public Outcome {
            measured = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(measured));
        }
    }

    /** Refuses, before anything runs ({@link RunPlan#of} calls it), a reference to a measure the experiment will not produce. */
    static void requireProducedReferences(ResolvedExperiment experiment) {
        Set<String> produced = ExperimentKind.of(experiment.spec().kind()).measures(experiment);
        if (produced == null) {
            return; // known only once run: summarise checks
        }
        List<String> missing = new ArrayList<>(experiment.spec().reference().measures().keySet());
        missing.removeAll(produced);
        if (!missing.isEmpty()) {
            throw new ReproException(experiment.file() + ": reference.measures names measures this experiment does not produce: "
                    + missing + ". It produces: " + produced + ". Fix the names under reference.measures.");
        }
    }

    private static Summary summarise(ExperimentSpec spec, ExperimentContext ctx) {
        Summary summary = new Summary(spec.id(), spec.title(), spec.report(), spec.reproduces());
        ReferenceSpec ref = spec.reference();
        for (Map.Entry<String, List<Double>> e : ctx.measured().entrySet()) {
            List<Double> v = e.getValue();
            double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            Double std = v.size() > 1 ? Math.sqrt(v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (v.size() - 1)) : null;
            ReferenceSpec.Value r = ref.measures().get(e.getKey());
            summary.measure(e.getKey(), mean, std, v.size(), r == null ? null : r.value(),
                    r == null ? null : r.bandArray(), r == null ? null : r.note());
        }
        List<String> missing = new ArrayList<>(ref.measures().keySet());
        missing.removeAll(ctx.measured().keySet());
        if (!missing.isEmpty()) {
            throw new ReproException(ctx.resolved.file() + ": reference.measures names measures this experiment does not produce: "
                    + missing + ". Produced: " + ctx.measured().keySet());
        }
        if (ref.headline() != null) {
            summary.headline(ref.headline());
        }
        spec.deviations().forEach(summary::deviation);
        ctx.notes().forEach(summary::deviation);
        return summary;
    }

    /** The seeds a run trains with: the spec's, the first only in QUICK mode, or as many as {@code --seeds} asks. */
    public static List<Long> seeds(ExperimentSpec spec, RunOptions options) {
        if (options.quick()) {
            return List.of(spec.seeds().get(0));
        }
        if (options.seedCount() == null) {
            return spec.seeds();
        }
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < options.seedCount(); i++) {
            seeds.add(i < spec.seeds().size() ? spec.seeds().get(i) : spec.seeds().get(spec.seeds().size() - 1) + i - spec.seeds().size() + 1);
        }
        return seeds;
    }
}
