package org.repro4j.train;

import org.repro4j.data.Splits;
import org.repro4j.report.MetricRow;
import org.repro4j.report.MetricsCsv;
import org.repro4j.report.Summary;
import org.repro4j.spec.ResolvedExperiment;
import org.repro4j.spec.ResolvedExperiment.Setting;
import org.repro4j.spec.Split;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code train} kind: every setting with every seed is a {@link Trial}, planned and trained by
 * the run's {@link RunPlan} (or taken from the trial store); the experiment is assembled from the
 * trials' results in the spec's order: its metric rows (the curves it asked for), its measures
 * (mean and spread over seeds) and its figures.
 */
final class TrainExperiment implements ExperimentKind {

    @Override
    public void run(ExperimentContext ctx) throws IOException {
        SettingHistory history = new SettingHistory();
        try (MetricsCsv csv = MetricsCsv.create(ctx.outDir.resolve(MetricsCsv.FILE_NAME))) {
            for (SettingTrial p : plan(ctx.resolved, ctx.seeds, ctx.options.quick())) {
                String which = (p.setting.isEmpty() ? "" : p.setting + ", ") + "seed " + p.seed;
                long waitStart = System.nanoTime();
                TrialResult result = ctx.plan.result(p.trial);
                ctx.waited((System.nanoTime() - waitStart) / 1e9);
                ctx.trained(ctx.plan.trainingSeconds(p.trial, ctx.resolved));
                if (ctx.plan.fromStore(p.trial)) {
                    ctx.log.println(ctx.spec.id() + ": " + which + ": trained before (trial " + p.trial.sha256().substring(0, 12)
                            + "), taken from the trial store");
                }
                ctx.trial(p.setting, p.seed, p.trial.sha256(), result.trainedOn());
                if (result.divergence() != null) {
                    ctx.log.println(ctx.spec.id() + ": " + which + ": " + result.divergence() + "; training stopped");
                    ctx.note(which + ": the training " + result.divergence() + ". It was stopped there, and its"
                            + " measures are those of the diverged network (NaN or infinite losses are left out of the figures).");
                }
                // The trial may have measured more curves for another experiment; this one shows its own.
                List<MetricRow> rows = result.rows().stream().filter(r -> asked(r, p.trial))
                        .map(r -> r.withSetting(p.setting)).toList();
                rows.forEach(csv::row);
                history.add(p.setting, p.seed, result, rows);
                result.measures().forEach((name, value) -> ctx.measure(Summary.measureKey(name, p.setting), value));
            }
        }
        TrainingFigures.draw(ctx, history);
        StopEpochNote.add(ctx);
        if (ctx.options.quick()) {
            ctx.note("QUICK run: at most " + Splits.QUICK_TRAIN + " training and " + Splits.QUICK_EVAL
                    + " evaluation examples, at most " + RunOptions.QUICK_EPOCHS + " epochs; numbers are not comparable with the report.");
        }
    }

    /** Whether a row is one the trial's own request asked for: a curve it wants, or a record that is no split's (running loss). */
    private static boolean asked(MetricRow row, Trial trial) {
        for (Split split : Split.values()) {
            if (split.toString().equals(row.split())) {
                return trial.curves().contains(split);
            }
        }
        return true;
    }

    @Override
    public Set<String> measures(ResolvedExperiment experiment) {
        Set<String> names = new LinkedHashSet<>();
        for (Setting setting : experiment.settings()) {
            for (String measure : TrialRunner.measures(setting.spec(), Trial.Evaluation.EXPERIMENT)) {
                names.add(Summary.measureKey(measure, setting.name()));
            }
        }
        return names;
    }

    /**
     * Every trial of an experiment of this kind: each setting with each seed, in the spec's order,
     * asking for the curves the experiment draws ({@link Curves}).
     */
    static List<SettingTrial> plan(ResolvedExperiment experiment, List<Long> seeds, boolean quick) {
        List<SettingTrial> plan = new ArrayList<>();
        for (Setting setting : experiment.settings()) {
            for (int i = 0; i < seeds.size(); i++) {
                Trial trial = Trial.of(setting.spec(), seeds.get(i), quick, Trial.Evaluation.EXPERIMENT)
                        .withCurves(Curves.requested(setting.spec(), i == 0));
                plan.add(new SettingTrial(setting.name(), seeds.get(i), trial));
            }
        }
        return plan;
    }

    /** A setting's seed and its trial. */
    record SettingTrial(String setting, long seed, Trial trial) {
    }
}
