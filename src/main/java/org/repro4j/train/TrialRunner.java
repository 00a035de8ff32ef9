package org.repro4j.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.repro4j.data.ImageShape;
import org.repro4j.data.MiniBatchIterator;
import org.repro4j.data.Protocols;
import org.repro4j.data.Splits;
import org.repro4j.data.SplitsStore;
import org.repro4j.model.NetworkFactory;
import org.repro4j.report.MetricRow;
import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.Split;
import org.repro4j.spec.TrainingSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way a network is trained, for experiments and searches alike: seed, build and
 * initialise the network, measure it untrained, train it epoch by epoch with the spec's
 * {@link TrainingEngine} while listeners measure (curves, running loss, step time), apply the
 * early-stopping rule and watch for divergence, then measure it trained. What is measured besides
 * the spec's {@code measure} section follows the trial's {@link Trial.Evaluation}.
 */
public final class TrialRunner {
    private static final List<String> SPLITS = List.of("train", "val", "test");

    private TrialRunner() {
    }

    /**
     * @param data   the splits of the trial's data section (QUICK-cut when the trial is); a search
     *               passes them without the test split, which only its chosen candidate sees
     * @param onStep called after every optimisation step (progress)
     * @throws TrainingFailure when DL4J or ND4J fail during training (an error of repro4j's own code
     *                         propagates as it is)
     */
    public static TrialResult run(Trial trial, Splits data, Runnable onStep) {
        Training training = new Training(trial, network(trial), data, onStep, SplitEvaluator.ALONE);
        TrainingEngine engine = TrainingEngine.of(trial.training().engine(), training.net, trial.scored());
        int epochs = trial.epochs();
        for (int e = 0; e < epochs && !training.batches.stopped(); e++) {
            training.batches.reset();
            try {
                engine.fitEpoch(training.batches);
            } catch (RuntimeException | OutOfMemoryError failure) {
                throw failedIn(e, failure);
            }
        }
        return training.finish();
    }

    /**
     * Trains the trials of a cohort side by side on one worker ({@link CohortSgdStep}), each with its
     * own network, listeners and measures, as {@link #run(Trial, Splits, Runnable)} would train it
     * alone; returns their results in the cohort's order.
     *
     * @param onStep called after every optimisation step of every trial
     */
    public static List<TrialResult> run(Cohort cohort, Splits data, Runnable onStep) {
        // A trial that may share a cohort trains on the cohort's arithmetic even when its cohort is itself
        // alone: the cohort step's update (a product, then a scale and an axpy) rounds differently from
        // the lean step's (one product with beta) once the batch is longer than one of OpenBLAS's K blocks,
        // so a trial's result would depend on whether others shared its cohort (bench/NOTES.md, item 18).
        if (cohort.trials().size() == 1 && Cohort.key(cohort.first()) == null) {
            return List.of(run(cohort.first(), data, onStep));
        }
        List<MultiLayerNetwork> initialised = new ArrayList<>();
        cohort.trials().forEach(t -> initialised.add(network(t)));
        CohortSgdStep step = new CohortSgdStep(initialised);
        try (CohortEvaluation evaluation = new CohortEvaluation(step)) {
            return run(cohort, step, evaluation, data, onStep);
        }
    }

    private static List<TrialResult> run(Cohort cohort, CohortSgdStep step, CohortEvaluation evaluation, Splits data,
                                         Runnable onStep) {
        List<Training> trainings = new ArrayList<>();
        for (int k = 0; k < cohort.trials().size(); k++) {
            trainings.add(new Training(cohort.trials().get(k), step.networks().get(k), data, onStep, evaluation));
        }
        Trial first = cohort.trials().get(0);
        // The cohort's trials read the same batches (Cohort.key), so one iterator serves them all.
        MiniBatchIterator batches = batches(data, first.training(), first.seed());
        boolean[] training = new boolean[trainings.size()];
        Arrays.fill(training, true);
        for (int e = 0; e < first.epochs() && anyOf(training); e++) {
            batches.reset();
            try {
                trainEpoch(step, evaluation, batches, trainings, training);
            } catch (RuntimeException | OutOfMemoryError failure) {
                throw failedIn(e, failure);
            }
        }
        evaluation.nextRound();
        List<TrialResult> results = new ArrayList<>();
        trainings.forEach(t -> results.add(t.finish()));
        return results;
    }

    /** One epoch of a cohort, with each network's listeners called as {@link LeanTrainer} calls them. */
    private static void trainEpoch(CohortSgdStep step, CohortEvaluation evaluation, MiniBatchIterator batches,
                                   List<Training> trainings, boolean[] training) {
        for (int k = 0; k < trainings.size(); k++) {
            if (training[k]) {
                MultiLayerNetwork net = trainings.get(k).net;
                net.setScore(Double.NaN);
                for (TrainingListener listener : net.getListeners()) {
                    listener.onEpochStart(net);
                }
            }
        }
        while (batches.hasNext() && anyOf(training)) {
            DataSet batch = batches.next();
            step.step(batch.getFeatures(), batch.getLabels(), training);
            evaluation.nextRound();
            for (int k = 0; k < trainings.size(); k++) {
                if (training[k]) {
                    MultiLayerNetwork net = trainings.get(k).net;
                    int iteration = net.getIterationCount();
                    int epoch = net.getEpochCount();
                    for (TrainingListener listener : net.getListeners()) {
                        listener.iterationDone(net, iteration, epoch);
                    }
                    BaseOptimizer.incrementIterationCount(net, 1);
                }
            }
        }
        evaluation.nextRound(); // the epoch's last measurements after a step were of the same parameters, but measure afresh
        for (int k = 0; k < trainings.size(); k++) {
            if (training[k]) {
                MultiLayerNetwork net = trainings.get(k).net;
                for (TrainingListener listener : net.getListeners()) {
                    listener.onEpochEnd(net);
                }
                net.incrementEpochCount();
                // A network that diverged stops here, as its own batches would have stopped it.
                training[k] = !trainings.get(k).batches.stopped();
            }
        }
    }

    private static boolean anyOf(boolean[] flags) {
        for (boolean f : flags) {
            if (f) {
                return true;
            }
        }
        return false;
    }

    private static RuntimeException failedIn(int epoch, Throwable failure) {
        if (TrainingFailure.fromLibrary(failure)) {
            return new TrainingFailure("training failed in epoch " + (epoch + 1) + ": " + failure, failure);
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        throw (Error) failure;
    }

    /** The trial's network, built and initialised with its seed. */
    private static MultiLayerNetwork network(Trial trial) {
        Nd4j.getRandom().setSeed(trial.seed());
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(trial.network(), trial.training(),
                trial.data().dataType(), trial.seed()));
        net.init();
        return net;
    }

    /**
     * One trial's training around its engine: the listeners that measure it while it trains, set on
     * its network with the untrained measures taken, and {@link #finish} for the rest.
     */
    private static final class Training {
        final Trial trial;
        final MultiLayerNetwork net;
        final Splits data;
        /** The trial's own batches; when it trains in a cohort, only its listeners stop them. */
        final StoppableIterator batches;
        final DivergenceWatch divergence;
        final List<MetricRow> rows = new ArrayList<>();
        final Map<String, Double> results = new LinkedHashMap<>();
        /** How its network is measured: alone, or in its cohort's shared pass. */
        final SplitEvaluator evaluator;
        MetricsListener metrics;
        OptionalMeasures extra;
        PlateauStopRule rule;

        Training(Trial trial, MultiLayerNetwork net, Splits data, Runnable onStep, SplitEvaluator evaluator) {
            this.trial = trial;
            this.net = net;
            this.data = data;
            this.evaluator = evaluator;
            boolean experiment = trial.evaluation() == Trial.Evaluation.EXPERIMENT;
            TrainingSpec t = trial.training();
            if (form(t) == SplitsStore.Form.PIXEL_SCALE && data.normalizer() == null && Protocols.zScored(trial.data().protocol())) {
                throw new IllegalStateException("an augmenting trial needs its splits in pixel scale (SplitsStore.Form.PIXEL_SCALE)");
            }
            this.batches = new StoppableIterator(batches(data, t, trial.seed()));
            this.divergence = new DivergenceWatch(batches, trial.scored());
            List<TrainingListener> listeners = new ArrayList<>();
            if (experiment) {
                Map<String, DataSet> measured = new LinkedHashMap<>();
                for (Split split : trial.curves()) {
                    if (data.split(split.toString()) != null) {
                        measured.put(split.toString(), data.split(split.toString()));
                    }
                }
                ValidationSchedule validation = t.earlyStopping() == null ? null
                        : new ValidationSchedule(data.train().numExamples(), t.batchSize(), t.earlyStopping().checksPerEpoch());
                MeasurePolicy policy = validation != null ? MeasurePolicy.on(validation)
                        : trial.measure().everySteps() != null ? MeasurePolicy.everySteps(trial.measure().everySteps())
                        : MeasurePolicy.everyEpoch();
                rule = t.earlyStopping() == null ? null : new PlateauStopRule(t.earlyStopping().patience());
                TrialRows stamped = new TrialRows(trial.seed(), rows::add);
                if (rule != null && !measured.containsKey("val")) {
                    throw new IllegalStateException("early stopping reads the validation loss, but the trial's curves are " + trial.curves());
                }
                metrics = new MetricsListener(stamped, measured, data.normalizer(), policy, rule, batches, evaluator);
                for (String split : SPLITS) {
                    if (data.split(split) != null) {
                        results.put("untrained_" + split + "_acc", evaluator.evaluate(net, data.split(split), data.normalizer()).accuracy());
                    }
                }
                metrics.measureInitial(net);
                extra = new OptionalMeasures(trial.measure(), t, stamped);
                // Before any that measures, so a step's time and score are its own.
                listeners.addAll(extra.listeners());
                listeners.add(metrics);
            }
            listeners.add(divergence);
            listeners.add(new BaseTrainingListener() {
                @Override
                public void iterationDone(Model model, int iteration, int epoch) {
                    onStep.run();
                }
            });
            net.setListeners(listeners);
        }

        /** The measures of the trained network, with the curves and arrays its experiment draws. */
        TrialResult finish() {
            boolean experiment = trial.evaluation() == Trial.Evaluation.EXPERIMENT;
            TrainingSpec t = trial.training();
            if (experiment) {
                if (rule != null) {
                    // Where training ended: by the rule, or (stopped_early 0) at the end of the epoch budget or where it diverged.
                    boolean ruleFired = metrics.stopEpoch() != null;
                    results.put("stop_epoch", (double) (ruleFired ? metrics.stopEpoch() : trial.epochs() - 1));
                    results.put("stop_step", (double) (ruleFired ? metrics.stopStep() : metrics.steps()));
                    results.put("stopped_early", ruleFired ? 1.0 : 0.0);
                }
                results.put("steps", (double) metrics.steps());
            }
            for (String split : finalSplits(trial.evaluation())) {
                DataSet d = data.split(split);
                if (d != null) {
                    SplitMetrics m = evaluator.evaluate(net, d, data.normalizer());
                    results.put(split + "_acc", m.accuracy());
                    results.put(split + "_loss", m.loss());
                    results.put(split + "_cost", m.cost());
                }
            }
            if (experiment) {
                extra.measureAfterTraining(net, results::put);
            }
            return new TrialResult(rows, results, stepsPerEpoch(data.train().numExamples(), t), divergence.divergence(),
                    experiment ? firstLayerWeights(net) : null,
                    experiment && data.test() != null ? trueClass(net, data) : null);
        }
    }

    /**
     * The names of the measures {@link #run} produces for a resolved setting, in the order it
     * produces them, known without training ({@code AllExperimentsQuickTest} holds every shipped
     * experiment to it).
     */
    static List<String> measures(ExperimentSpec setting, Trial.Evaluation evaluation) {
        List<String> splits = Protocols.splits(setting.data().protocol());
        List<String> names = new ArrayList<>();
        boolean experiment = evaluation == Trial.Evaluation.EXPERIMENT;
        if (experiment) {
            splits.forEach(s -> names.add("untrained_" + s + "_acc"));
            if (setting.training().earlyStopping() != null) {
                names.addAll(List.of("stop_epoch", "stop_step", "stopped_early"));
            }
            names.add("steps");
        }
        for (String split : finalSplits(evaluation)) {
            if (splits.contains(split)) {
                names.addAll(List.of(split + "_acc", split + "_loss", split + "_cost"));
            }
        }
        if (experiment) {
            names.addAll(OptionalMeasures.names(setting.measure()));
        }
        return names;
    }

    private static List<String> finalSplits(Trial.Evaluation evaluation) {
        return switch (evaluation) {
            case EXPERIMENT, CHOSEN -> SPLITS;
            case CANDIDATE -> List.of("val");
        };
    }

    static int stepsPerEpoch(int examples, TrainingSpec t) {
        int b = t.batchSize();
        return t.dropLast() ? examples / b : (examples + b - 1) / b;
    }

    /**
     * The form of the splits a trial trains on: in pixel scale when it augments (augmentations act on
     * pixels, and each batch is normalised after), else normalised once, which spares each batch
     * the z-score.
     */
    public static SplitsStore.Form form(TrainingSpec training) {
        return training.augment().isEmpty() ? SplitsStore.Form.NORMALIZED : SplitsStore.Form.PIXEL_SCALE;
    }

    /** The mini-batches of one trial: in order or shuffled by its seed, augmented (on pixels) then normalised. */
    static MiniBatchIterator batches(Splits data, TrainingSpec t, long seed) {
        boolean augmented = !t.augment().isEmpty();
        MiniBatchIterator.Builder b = MiniBatchIterator.builder(data.train())
                .batchSize(t.batchSize())
                .dropLast(t.dropLast())
                .reuseBatchMemory(true); // fit() consumes each batch before asking for the next
        if (t.shuffle()) {
            b.shuffle(seed);
        }
        if (augmented) {
            // Augmentations act on the stored [0,1] pixels; the z-score fitted on the clean training set follows.
            b.transform(AugmentationFactory.fromSpec(t.augment(), seed, ImageShape.ofInputs(data.train().getFeatures().columns())));
        }
        MiniBatchIterator it = b.build();
        if (data.normalizer() != null) {
            it.setPreProcessor(data.normalizer());
        }
        return it;
    }

    /** The first layer's W with one row per unit (DL4J stores it as [nIn, nOut]). */
    private static TrialResult.Matrix firstLayerWeights(MultiLayerNetwork net) {
        INDArray w = net.getLayer(0).getParam("W").transpose().dup('c').castTo(DataType.DOUBLE);
        return new TrialResult.Matrix((int) w.rows(), (int) w.columns(), w.data().asDouble());
    }

    /** For each test example, the probability the trained network gives its true class, and whether it is right. */
    private static TrialResult.TrueClass trueClass(MultiLayerNetwork net, Splits data) {
        return Evaluator.trueClass(net, data.test(), data.normalizer());
    }
}
