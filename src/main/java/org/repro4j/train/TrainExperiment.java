package org.repro4j.train;

import org.repro4j.report.Summary;

import org.repro4j.data.Splits;
import org.repro4j.data.SplitsStore;
import org.repro4j.report.MetricRow;
import org.repro4j.report.MetricsCsv;
import org.repro4j.spec.ResolvedExperiment;
import org.repro4j.spec.ResolvedExperiment.Setting;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code train} kind: every setting with every seed is a {@link Trial}, trained by
 * {@link TrialRunner} on the run's {@link LocalExecutor} (its {@code jobs} at a time), or, with the
 * trial store, taken from an earlier run that trained the same trial; the experiment is assembled
 * from the trials' results in the spec's order: its metric rows, its measures (mean and spread
 * over seeds) and its figures.
 */
final class TrainExperiment implements ExperimentKind {
    /** The splits this experiment holds, one lease per data spec and form, closed when it ends. */
    private final Map<List<Object>, SplitsStore.Lease> data = new HashMap<>();

    @Override
    public void run(ExperimentContext ctx) throws IOException {
        try {
            train(ctx);
        } finally {
            data.values().forEach(SplitsStore.Lease::close);
            data.clear();
        }
    }

    private void train(ExperimentContext ctx) throws IOException {
        TrialStore store = ctx.options.useTrialStore() ? new TrialStore(ctx.options.trialStore()) : null;
        List<Planned> plan = new ArrayList<>();
        for (SettingTrial t : plan(ctx.resolved, ctx.seeds, ctx.options.quick())) {
            plan.add(new Planned(t.setting(), t.seed(), t.trial(), store == null ? null : store.load(t.trial())));
        }
        long totalSteps = 0;
        for (Planned p : plan) {
            if (p.stored == null) {
                totalSteps += (long) TrialRunner.stepsPerEpoch(splits(ctx, p.trial).train().numExamples(),
                        p.trial.training()) * p.trial.epochs();
            }
        }
        SettingHistory history = new SettingHistory();
        try (MetricsCsv csv = MetricsCsv.create(ctx.outDir.resolve(MetricsCsv.FILE_NAME));
             Progress progress = new Progress(ctx.spec.id(), totalSteps, ctx.log);
             LocalExecutor executor = new LocalExecutor(ctx.options.jobs())) {
            List<Trial> toTrain = plan.stream().filter(p -> p.stored == null).map(Planned::trial).toList();
            Map<Trial, TrialResult> trained = new HashMap<>();
            List<TrialResult> results = executor.run(toTrain, t -> splits(ctx, t), progress::step);
            for (int i = 0; i < toTrain.size(); i++) {
                trained.put(toTrain.get(i), results.get(i));
                if (store != null) {
                    store.store(toTrain.get(i), results.get(i));
                }
            }
            for (Planned p : plan) {
                String which = (p.setting.isEmpty() ? "" : p.setting + ", ") + "seed " + p.seed;
                TrialResult result = p.stored;
                if (result != null) {
                    ctx.log.println(ctx.spec.id() + ": " + which + ": trained before (trial " + p.trial.sha256().substring(0, 12)
                            + "), taken from the trial store");
                } else {
                    result = trained.get(p.trial);
                }
                ctx.trial(p.setting, p.seed, p.trial.sha256());
                if (result.divergence() != null) {
                    ctx.log.println(ctx.spec.id() + ": " + which + ": " + result.divergence() + "; training stopped");
                    ctx.note(which + ": the training " + result.divergence() + ". It was stopped there, and its"
                            + " measures are those of the diverged network (NaN or infinite losses are left out of the figures).");
                }
                List<MetricRow> rows = result.rows().stream().map(r -> r.withSetting(p.setting)).toList();
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

    private Splits splits(ExperimentContext ctx, Trial trial) {
        SplitsStore.Form form = TrialRunner.form(trial.training());
        return data.computeIfAbsent(List.of(trial.data(), form),
                k -> SplitsStore.shared().acquire(trial.data(), ctx.options.dataDir(), ctx.options.quick(), form)).splits();
    }

    /** Every trial of an experiment of this kind: each setting with each seed, in the spec's order. */
    static List<SettingTrial> plan(ResolvedExperiment experiment, List<Long> seeds, boolean quick) {
        List<SettingTrial> plan = new ArrayList<>();
        for (Setting setting : experiment.settings()) {
            for (long seed : seeds) {
                plan.add(new SettingTrial(setting.name(), seed, Trial.of(setting.spec(), seed, quick, Trial.Evaluation.EXPERIMENT)));
            }
        }
        return plan;
    }

    /** A setting's seed and its trial. */
    record SettingTrial(String setting, long seed, Trial trial) {
    }

    /** A setting's seed: its trial, and its result when the store already has it. */
    private record Planned(String setting, long seed, Trial trial, TrialResult stored) {
    }
}
