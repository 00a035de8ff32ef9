package org.repro4j.train;

import org.repro4j.report.Summary;

import org.repro4j.report.Charts;
import org.repro4j.report.MetricRow;
import org.repro4j.spec.Figure;
import org.repro4j.spec.ResolvedExperiment.Setting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Figures that put settings or seeds side by side, drawn when a spec's {@code figures} names them:
 * <ul>
 * <li>{@code running-loss}: per run, the running training loss with the validation loss;</li>
 * <li>{@code seed-band}: per run, mean and standard deviation over the seeds of the running
 *     training loss and of the validation loss, per epoch;</li>
 * <li>{@code runs-accuracy}: every run's validation accuracy over training on one chart;</li>
 * <li>{@code weight-norm}: the measured {@code weight_sq_norm} against each run's L2 lambda.</li>
 * </ul>
 * Curves are the first seed's, except in the band, which takes every seed's.
 */
final class ComparisonFigures {
    private static final String RUNNING = RunningLossListener.SPLIT;

    private ComparisonFigures() {
    }

    static void draw(ExperimentContext ctx, SettingHistory history) {
        List<Figure> wanted = ctx.spec.figures();
        if (wanted.contains(Figure.RUNNING_LOSS)) {
            runningLoss(ctx, history);
        }
        if (wanted.contains(Figure.SEED_BAND)) {
            seedBands(ctx, history);
        }
        if (wanted.contains(Figure.RUNS_ACCURACY)) {
            String file = "runs-accuracy.png";
            Charts.lines(ctx.outDir.resolve(file), "Validation accuracy", "epoch", "validation accuracy",
                    perRun(history, r -> r.split().equals("val"), MetricRow::accuracy));
            ctx.figure(file, "Validation accuracy over training, every run (first seed)");
        }
        if (wanted.contains(Figure.WEIGHT_NORM)) {
            weightNorm(ctx);
        }
    }

    private static void runningLoss(ExperimentContext ctx, SettingHistory history) {
        boolean perEpoch = ctx.spec.measure().runningLossSteps() == null;
        List<Charts.Panel> panels = new ArrayList<>();
        for (String run : history.settings()) {
            List<Charts.Series> series = new ArrayList<>();
            double scale = perEpoch ? history.stepsPerEpoch(run) : 1;
            series.add(series("training (running mean)", history.rows(run), r -> r.split().equals(RUNNING),
                    ComparisonFigures::runningValue, scale));
            // The held-out split: validation, or test where a protocol has none (a final model).
            for (String heldOut : List.of("val", "test")) {
                List<MetricRow> rows = history.rows(run).stream().filter(r -> r.split().equals(heldOut) && r.step() > 0).toList();
                if (!rows.isEmpty()) {
                    series.add(series(heldOut.equals("val") ? "validation" : "test", rows, r -> true, MetricRow::loss, scale));
                    break;
                }
            }
            panels.add(new Charts.Panel(run.isEmpty() ? "loss" : run, perEpoch ? "epoch" : "step", "loss", series));
        }
        String file = "running-loss.png";
        Charts.grid(ctx.outDir.resolve(file), perEpoch ? "Loss per epoch" : "Training loss", panels, Math.min(2, panels.size()));
        ctx.figure(file, perEpoch
                ? "Mean training loss over each epoch (each example's loss before its update) and held-out loss at each epoch end"
                : "Mean training loss over every " + ctx.spec.measure().runningLossSteps() + " steps (each batch's loss before its update)");
    }

    private static void seedBands(ExperimentContext ctx, SettingHistory history) {
        List<String> runs = history.settings();
        for (int i = 0; i < runs.size(); i++) {
            String run = runs.get(i);
            String suffix = runs.size() > 1 ? "-" + (i + 1) : "";
            String label = run.isEmpty() ? "" : " (" + run + ")";
            List<MetricRow> all = history.allRows(run);
            band(ctx, all, run, RUNNING, "band-train" + suffix + ".png", "training loss (mean over each epoch)" + label);
            band(ctx, all, run, "val", "band-val" + suffix + ".png", "validation loss" + label);
        }
    }

    /** Mean and sample standard deviation over seeds, per epoch, of one split's loss. */
    private static void band(ExperimentContext ctx, List<MetricRow> all, String run, String split, String file, String what) {
        Map<Integer, List<Double>> byEpoch = new TreeMap<>();
        for (MetricRow r : all) {
            if (r.setting().equals(run) && r.split().equals(split) && r.epoch() > 0) {
                byEpoch.computeIfAbsent(r.epoch(), e -> new ArrayList<>()).add(runningValue(r));
            }
        }
        if (byEpoch.isEmpty()) {
            return;
        }
        int n = byEpoch.size();
        double[] x = new double[n];
        double[] mean = new double[n];
        double[] std = new double[n];
        int i = 0;
        int seeds = 0;
        for (Map.Entry<Integer, List<Double>> e : byEpoch.entrySet()) {
            List<Double> v = e.getValue();
            seeds = Math.max(seeds, v.size());
            x[i] = e.getKey();
            mean[i] = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double m = mean[i];
            std[i] = v.size() < 2 ? 0 : Math.sqrt(v.stream().mapToDouble(d -> (d - m) * (d - m)).sum() / (v.size() - 1));
            i++;
        }
        String title = Character.toUpperCase(what.charAt(0)) + what.substring(1);
        Charts.band(ctx.outDir.resolve(file), title, "epoch", "loss", x, mean, std, "mean over " + seeds + " seeds");
        ctx.figure(file, "Mean and standard deviation over " + seeds + " seeds of the " + what + ", per epoch");
    }

    private static void weightNorm(ExperimentContext ctx) {
        List<Setting> runs = ctx.resolved.settings();
        double[] lambda = new double[runs.size()];
        double[] norm = new double[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            lambda[i] = runs.get(i).spec().training().l2().lambda();
            List<Double> v = ctx.measured().get(Summary.measureKey("weight_sq_norm", runs.get(i).name()));
            norm[i] = v == null ? Double.NaN : v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }
        boolean logX = java.util.Arrays.stream(lambda).allMatch(l -> l > 0);
        String file = "weight-norm.png";
        Charts.scatter(ctx.outDir.resolve(file), "Squared weight norm against lambda", "L2 lambda" + (logX ? " (log scale)" : ""),
                "squared L2 norm of the weights", List.of(new Charts.Series("||w||^2 after training", lambda, norm)), logX);
        ctx.figure(file, "Squared L2 norm of the trained weights (bias row included) against lambda");
    }

    private static List<Charts.Series> perRun(SettingHistory h, Predicate<MetricRow> keep, ToDoubleFunction<MetricRow> value) {
        List<Charts.Series> out = new ArrayList<>();
        for (String run : h.settings()) {
            out.add(series(run.isEmpty() ? "run" : run, h.rows(run), keep, value, h.stepsPerEpoch(run)));
        }
        return out;
    }

    private static Charts.Series series(String name, List<MetricRow> rows, Predicate<MetricRow> keep,
                                        ToDoubleFunction<MetricRow> value, double stepsPerX) {
        List<MetricRow> kept = rows.stream().filter(keep).toList();
        return new Charts.Series(name, kept.stream().mapToDouble(r -> r.step() / stepsPerX).toArray(),
                kept.stream().mapToDouble(value).toArray());
    }

    /** A running-loss row holds the loss, or only the cost when training had L2; other rows the loss. */
    private static double runningValue(MetricRow r) {
        return Double.isNaN(r.loss()) ? r.cost() : r.loss();
    }
}
