package org.repro4j.train;

import org.repro4j.data.Protocols;
import org.repro4j.data.Splits;
import org.repro4j.data.SplitsStore;
import org.repro4j.spec.Kind;
import org.repro4j.spec.ResolvedExperiment;
import org.repro4j.spec.Split;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A run's trials, planned before any of them trains: every setting and seed of every experiment the
 * run names ({@link TrainExperiment#plan}), each asking for the curves its experiment draws; a trial
 * that several experiments share trains once, with the curves all of them ask for. Trials the store
 * holds are taken from there; the others train in the background on the run's {@link TrialExecutor} (this machine's cores, or a cluster), from
 * the moment an experiment first asks for a result, across experiments, so that no core waits for
 * an experiment to end.
 *
 * <p>They train grouped by the splits they read: a group's splits are loaded when its first trial
 * starts and released when its last one ends. Within a group, trials that read the same batches train
 * together as a {@link Cohort}, and the longest cohorts go first, so the short ones fill the end; the groups with the most work go first, and groups whose splits are
 * large alternate with small ones. A trial starts only while the splits held stay within a budget
 * ({@link TrialQueue}): two large data sets are never held at once, a small one's trials fill a
 * core meanwhile. Experiments are assembled in the order their trials finish
 * ({@link #assemblyOrder}), each taking its trials' results from {@link #result}.
 */
public final class RunPlan implements AutoCloseable {
    private final RunOptions options;
    private final TrialStore store;
    private final List<ResolvedExperiment> assemblyOrder;
    /** Results the store had, by trial hash: read once, when the run is planned. */
    private final Map<String, TrialResult> stored = new HashMap<>();
    private final Map<String, CompletableFuture<Trained>> training = new LinkedHashMap<>();
    private final Map<String, ResolvedExperiment> firstUser = new HashMap<>();
    private final Set<String> claimed = new HashSet<>();
    private final Map<List<Object>, SplitsStore.Lease> leases = new HashMap<>();
    private final TrialQueue queue;
    private final TrialExecutor executor;
    private final Thread trainer;
    private final Progress progress;

    private RunPlan(List<ResolvedExperiment> experiments, RunOptions options) {
        this.options = options;
        this.store = options.useTrialStore() ? new TrialStore(options.trialStore()) : null;
        Map<String, Trial> wanted = new LinkedHashMap<>();
        Map<ResolvedExperiment, List<String>> hashes = new LinkedHashMap<>();
        for (ResolvedExperiment experiment : experiments) {
            ExperimentRunner.requireProducedReferences(experiment);
            List<String> own = new ArrayList<>();
            if (experiment.spec().kind() == Kind.TRAIN) {
                for (TrainExperiment.SettingTrial t : TrainExperiment.plan(experiment, ExperimentRunner.seeds(experiment.spec(), options), options.quick())) {
                    wanted.merge(t.trial().sha256(), t.trial(), RunPlan::withBothCurves);
                    firstUser.putIfAbsent(t.trial().sha256(), experiment);
                    own.add(t.trial().sha256());
                }
            }
            hashes.put(experiment, own);
        }
        List<Trial> toTrain = new ArrayList<>();
        for (Map.Entry<String, Trial> e : wanted.entrySet()) {
            Trial trial = e.getValue();
            TrialResult result = store == null ? null : store.load(trial);
            if (result != null) {
                stored.put(e.getKey(), result);
            } else {
                // Keeps the curves a stored result has, so that training it again never loses any.
                toTrain.add(store == null ? trial : withBothCurves(trial, trial.withCurves(store.curves(trial))));
            }
        }
        List<Cohort> cohorts = order(toTrain);
        Map<String, Integer> position = new HashMap<>();
        for (Cohort c : cohorts) {
            for (Trial t : c.trials()) {
                position.put(t.sha256(), position.size());
                training.put(t.sha256(), new CompletableFuture<>());
            }
        }
        this.executor = TrialExecutors.create(options);
        this.queue = new TrialQueue(cohorts, executor.dataBudgetBytes());
        // An experiment is ready when the last of its trials to start has finished.
        List<ResolvedExperiment> order = new ArrayList<>(experiments);
        order.sort(Comparator.comparingInt(x -> hashes.get(x).stream().mapToInt(h -> position.getOrDefault(h, -1)).max().orElse(-1)));
        this.assemblyOrder = List.copyOf(order);
        this.progress = new Progress("trials", toTrain.size(), " trials", options.log());
        this.trainer = new Thread(this::train, "trial-planner");
        trainer.setDaemon(true);
    }

    /**
     * Plans the trials of these experiments, and starts training those the store does not have
     * while the experiments without trials to train, first in {@link #assemblyOrder}, run.
     */
    public static RunPlan of(List<ResolvedExperiment> experiments, RunOptions options) {
        RunPlan plan = new RunPlan(experiments, options);
        plan.startTraining();
        return plan;
    }

    private synchronized void startTraining() {
        if (trainer.getState() == Thread.State.NEW) {
            trainer.start();
        }
    }

    /** The experiments in the order their trials will be ready: those with none to train first. */
    public List<ResolvedExperiment> assemblyOrder() {
        return assemblyOrder;
    }

    /** Whether the result of this trial comes from the trial store rather than from this run. */
    boolean fromStore(Trial trial) {
        return stored.containsKey(trial.sha256());
    }

    /**
     * The result of one of the run's trials, waiting for it to finish training if it has not.
     *
     * @throws TrainingFailure when that trial (or an earlier one, which stopped the run's training) failed
     */
    TrialResult result(Trial trial) {
        String hash = trial.sha256();
        if (stored.containsKey(hash)) {
            return stored.get(hash);
        }
        CompletableFuture<Trained> future = training.get(hash);
        if (future == null) {
            throw new IllegalStateException("trial " + hash + " was not planned in this run");
        }
        startTraining();
        try {
            return future.get().result();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a trial", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * The seconds one worker spent training this trial, counted once, for the first experiment of the
     * run that uses it (in the order the run was given, as {@code SuiteFloor} counts); 0 for the
     * others, and for a trial from the store.
     */
    double trainingSeconds(Trial trial, ResolvedExperiment experiment) {
        String hash = trial.sha256();
        if (stored.containsKey(hash) || firstUser.get(hash) != experiment || !claimed.add(hash)) {
            return 0;
        }
        result(trial); // waits for it, and throws its failure
        return training.get(hash).join().seconds();
    }

    private void train() {
        try {
            executor.run(queue, this::splits, () -> {
            }, this::finished);
        } catch (Throwable failure) {
            training.values().forEach(f -> f.completeExceptionally(failure));
        } finally {
            releaseAll();
        }
    }

    private void finished(Trial trial, TrialResult result, double seconds) {
        if (store != null) {
            store.store(trial, result);
        }
        // Freed before the queue hears of it, so the data it then admits is never loaded beside (or copied from) these splits.
        if (queue.lastOfGroup(trial)) {
            release(trial);
        }
        queue.done(trial);
        progress.step();
        training.get(trial.sha256()).complete(new Trained(result, seconds));
    }

    /** The cohort's splits: its group's lease, taken when the group's first trial starts. */
    private Splits splits(Cohort cohort) {
        Trial trial = cohort.first();
        synchronized (leases) {
            return leases.computeIfAbsent(TrialQueue.group(trial), g -> SplitsStore.shared().acquire(trial.data(),
                    options.dataDir(), options.quick(), TrialRunner.form(trial.training()))).splits();
        }
    }

    /** Frees the splits of the trial's group, whose last trial has ended. */
    private void release(Trial trial) {
        synchronized (leases) {
            SplitsStore.Lease lease = leases.remove(TrialQueue.group(trial));
            if (lease != null) {
                lease.close();
            }
        }
    }

    private void releaseAll() {
        synchronized (leases) {
            leases.values().forEach(SplitsStore.Lease::close);
            leases.clear();
        }
    }

    @Override
    public void close() {
        executor.close();
        trainer.interrupt();
        progress.close();
    }

    /** The cohorts trials start in, in their order: grouped by their splits, see the class comment. */
    static List<Cohort> order(List<Trial> trials) {
        Map<List<Object>, List<Trial>> byGroup = new LinkedHashMap<>();
        trials.forEach(t -> byGroup.computeIfAbsent(TrialQueue.group(t), k -> new ArrayList<>()).add(t));
        List<List<Cohort>> large = new ArrayList<>();
        List<List<Cohort>> small = new ArrayList<>();
        for (List<Trial> group : byGroup.values()) {
            List<Cohort> cohorts = new ArrayList<>(Cohort.form(group));
            cohorts.sort(Comparator.comparingDouble(RunPlan::cost).reversed());
            (TrialQueue.large(group.get(0)) ? large : small).add(cohorts);
        }
        Comparator<List<Cohort>> mostWork = Comparator.comparingDouble((List<Cohort> g) -> g.stream().mapToDouble(RunPlan::cost).sum()).reversed();
        large.sort(mostWork);
        small.sort(mostWork);
        List<Cohort> ordered = new ArrayList<>();
        boolean takeLarge = !large.isEmpty() && (small.isEmpty() || mostWork.compare(large.get(0), small.get(0)) <= 0);
        while (!large.isEmpty() || !small.isEmpty()) {
            List<List<Cohort>> from = (takeLarge && !large.isEmpty()) || small.isEmpty() ? large : small;
            ordered.addAll(from.remove(0));
            takeLarge = from == small;
        }
        return ordered;
    }

    /**
     * A rough measure of a cohort's work: multiply-adds of its trials' forward passes over the training
     * split, doubled for an augmenting one, and for more than one trial counted at half (the shared products).
     */
    private static double cost(Cohort c) {
        double work = 0;
        for (Trial t : c.trials()) {
            double examples = Protocols.nominalSize(t.data().protocol()).train();
            work += t.epochs() * examples * t.network().forwardMultiplyAdds() * (t.training().augment().isEmpty() ? 1 : 2);
        }
        return c.trials().size() > 1 ? work / 2 : work;
    }

    private static Trial withBothCurves(Trial a, Trial b) {
        Set<Split> curves = EnumSet.noneOf(Split.class);
        curves.addAll(a.curves());
        curves.addAll(b.curves());
        return a.withCurves(curves);
    }

    private record Trained(TrialResult result, double seconds) {
    }
}
