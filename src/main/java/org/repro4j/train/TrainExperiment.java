package org.repro4j.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.repro4j.data.ImageShape;
import org.repro4j.data.MiniBatchIterator;
import org.repro4j.model.NetworkFactory;
import org.repro4j.report.MetricRow;
import org.repro4j.report.MetricsCsv;
import org.repro4j.spec.DataSpec;
import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.RunSpec;
import org.repro4j.spec.SpecLoader;
import org.repro4j.spec.TrainingSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code train} kind: for every run and seed, build the network, measure it untrained,
 * train it one epoch at a time with the spec's {@link TrainingEngine} (DL4J's {@code fit} unless
 * {@code training.engine} says {@code lean}), measure it on the way and at the end.
 */
final class TrainExperiment implements ExperimentKind {
    private static final String[] SPLIT_NAMES = {"train", "val", "test"};
    private final Map<DataSpec, RunData> dataCache = new HashMap<>();

    @Override
    public void run(ExperimentContext ctx) throws IOException {
        List<NamedRun> runs = resolveRuns(ctx);
        long totalSteps = 0;
        for (NamedRun r : runs) {
            totalSteps += (long) stepsPerEpoch(r.spec, splits(ctx, r.spec.data())) * epochs(ctx, r.spec.training()) * ctx.seeds.size();
        }
        RunHistory history = new RunHistory();
        try (MetricsCsv csv = MetricsCsv.create(ctx.outDir.resolve(MetricsCsv.FILE_NAME));
             Progress progress = new Progress(ctx.spec.id(), totalSteps, ctx.log)) {
            RunCache cache = ctx.options.useRunCache()
                    ? new RunCache(ctx.options.experimentsDir().toAbsolutePath().getParent()) : null;
            for (NamedRun r : runs) {
                int perEpoch = stepsPerEpoch(r.spec, splits(ctx, r.spec.data()));
                for (long seed : ctx.seeds) {
                    String key = cache == null ? null : cache.key(r.spec, seed, ctx.options.quick());
                    TrainedRun trained = cache == null ? null : cache.load(key, r.name);
                    if (trained != null) {
                        ctx.log.println(ctx.spec.id() + ": " + (r.name.isEmpty() ? "" : r.name + ", ") + "seed " + seed
                                + ": the same settings were trained before, taken from target/run-cache");
                        progress.advance((long) perEpoch * epochs(ctx, r.spec.training()));
                    } else {
                        trained = trainOne(ctx, r, seed, progress);
                        if (cache != null) {
                            cache.store(key, trained);
                        }
                    }
                    if (trained.divergence() != null) {
                        String which = (r.name.isEmpty() ? "" : r.name + ", ") + "seed " + seed;
                        ctx.log.println(ctx.spec.id() + ": " + which + ": " + trained.divergence() + "; training stopped");
                        ctx.note(which + ": the training " + trained.divergence() + ". It was stopped there, and its"
                                + " measures are those of the diverged network (NaN or infinite losses are left out of the figures).");
                    }
                    trained.rows().forEach(row -> {
                        csv.row(row);
                        history.add(row);
                    });
                    trained.measures().forEach((name, value) -> ctx.measure(ExperimentContext.key(name, r.name), value));
                    if (seed == ctx.seeds.get(0)) {
                        history.keep(r.name, trained.net(), perEpoch, splits(ctx, r.spec.data()).test());
                    }
                }
            }
        }
        TrainingFigures.draw(ctx, history);
        StopEpochNote.add(ctx);
        if (ctx.options.quick()) {
            ctx.note("QUICK run: at most " + RunOptions.QUICK_TRAIN + " training and " + RunOptions.QUICK_EVAL
                    + " evaluation examples, at most " + RunOptions.QUICK_EPOCHS + " epochs; numbers are not comparable with the report.");
        }
    }

    private TrainedRun trainOne(ExperimentContext ctx, NamedRun r, long seed, Progress progress) {
        ExperimentSpec s = r.spec;
        TrainingSpec t = s.training();
        RunData splits = splits(ctx, s.data());
        Nd4j.getRandom().setSeed(seed);
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(s.network(), t, s.data().dataType(), seed));
        net.init();

        Map<String, DataSet> measured = new LinkedHashMap<>();
        for (String split : s.measure().splits()) {
            DataSet d = split(splits, split);
            if (d != null) {
                measured.put(split, d);
            }
        }
        StoppableIterator batches = new StoppableIterator(batches(splits, t, seed));
        List<MetricRow> rows = new ArrayList<>();
        Map<String, Double> results = new LinkedHashMap<>();
        ValidationSchedule validation = t.earlyStopping() == null ? null
                : new ValidationSchedule(splits.train().numExamples(), t.batchSize(), t.earlyStopping().checksPerEpoch());
        MeasurePolicy policy = validation != null ? MeasurePolicy.on(validation)
                : s.measure().everySteps() != null ? MeasurePolicy.everySteps(s.measure().everySteps())
                : MeasurePolicy.everyEpoch();
        PlateauStopRule rule = t.earlyStopping() == null ? null : new PlateauStopRule(t.earlyStopping().patience());
        RunRows stamped = new RunRows(r.name, seed, rows::add);
        // Only the running loss reads each batch's score, which costs the lean engine extra work.
        boolean scoring = s.measure().runningLoss() != null;
        DivergenceWatch divergence = new DivergenceWatch(batches, scoring);
        MetricsListener metrics = new MetricsListener(stamped, measured, policy, rule, batches, divergence);

        for (String split : SPLIT_NAMES) {
            DataSet d = split(splits, split);
            if (d != null) {
                results.put("untrained_" + split + "_acc", Evaluator.evaluate(net, d).accuracy());
            }
        }
        metrics.measureInitial(net);
        OptionalMeasures extra = new OptionalMeasures(s, stamped);
        List<org.deeplearning4j.optimize.api.TrainingListener> listeners = new ArrayList<>(extra.listeners());
        listeners.add(metrics);
        listeners.add(divergence);
        listeners.add(new org.deeplearning4j.optimize.api.BaseTrainingListener() {
            @Override
            public void iterationDone(org.deeplearning4j.nn.api.Model model, int iteration, int epoch) {
                progress.step();
            }
        });
        net.setListeners(listeners);
        int epochs = epochs(ctx, t);
        long before = metrics.steps();
        TrainingEngine engine = TrainingEngine.forName(t.engine(), net, scoring);
        for (int e = 0; e < epochs && !batches.stopped(); e++) {
            batches.reset();
            engine.fitEpoch(batches);
        }
        if (rule != null) {
            // Where training ended: by the rule, or (stopped_early 0) at the end of the epoch budget or where it diverged.
            boolean ruleFired = metrics.stopEpoch() != null;
            results.put("stop_epoch", (double) (ruleFired ? metrics.stopEpoch() : epochs - 1));
            results.put("stop_step", (double) (ruleFired ? metrics.stopStep() : metrics.steps()));
            results.put("stopped_early", ruleFired ? 1.0 : 0.0);
        }
        results.put("steps", (double) (metrics.steps() - before));
        for (String split : SPLIT_NAMES) {
            DataSet d = split(splits, split);
            if (d != null) {
                SplitMetrics m = Evaluator.evaluate(net, d);
                results.put(split + "_acc", m.accuracy());
                results.put(split + "_loss", m.loss());
                results.put(split + "_cost", m.cost());
            }
        }
        extra.measureAfterTraining(net, results::put);
        return new TrainedRun(net, rows, results, divergence.divergence());
    }

    static MiniBatchIterator batches(RunData data, TrainingSpec t, long seed) {
        boolean augmented = !t.augment().isEmpty();
        MiniBatchIterator.Builder b = MiniBatchIterator.builder(augmented ? data.pixelTrain() : data.train())
                .batchSize(t.batchSize())
                .dropLast(t.dropLast())
                .reuseBatchMemory(true); // fit() consumes each batch before asking for the next
        if (t.shuffle()) {
            b.shuffle(seed);
        }
        if (augmented) {
            // Augmentations act on [0,1] pixels; the z-score fitted on the clean training set follows.
            b.transform(AugmentationFactory.fromSpec(t.augment(), seed, ImageShape.ofInputs(data.train().getFeatures().columns())));
        }
        MiniBatchIterator it = b.build();
        if (augmented && data.normalizer() != null) {
            it.setPreProcessor(data.normalizer());
        }
        return it;
    }

    private List<NamedRun> resolveRuns(ExperimentContext ctx) {
        List<NamedRun> runs = new ArrayList<>();
        if (ctx.spec.runs().isEmpty()) {
            runs.add(new NamedRun("", ctx.spec));
        }
        for (RunSpec run : ctx.spec.runs()) {
            runs.add(new NamedRun(run.name(), SpecLoader.resolve(ctx.specFile, run)));
        }
        return runs;
    }

    private RunData splits(ExperimentContext ctx, DataSpec data) {
        return dataCache.computeIfAbsent(data, d -> RunData.load(d, ctx.options));
    }

    private static DataSet split(RunData s, String name) {
        return switch (name) {
            case "train" -> s.train();
            case "val" -> s.val();
            default -> s.test();
        };
    }

    private static int stepsPerEpoch(ExperimentSpec s, RunData data) {
        int n = data.train().numExamples();
        int b = s.training().batchSize();
        return s.training().dropLast() ? n / b : (n + b - 1) / b;
    }

    private static int epochs(ExperimentContext ctx, TrainingSpec t) {
        return ctx.options.quick() ? Math.min(t.epochs(), RunOptions.QUICK_EPOCHS) : t.epochs();
    }

    private record NamedRun(String name, ExperimentSpec spec) {
    }
}
