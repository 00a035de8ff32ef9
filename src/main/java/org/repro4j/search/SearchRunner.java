package org.repro4j.search;

import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxTimeCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.repro4j.ReproException;
import org.repro4j.data.Splits;
import org.repro4j.data.SplitsStore;
import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.ResolvedSearch;
import org.repro4j.spec.SearchSpec;
import org.repro4j.spec.SearchSpecLoader;
import org.repro4j.train.RunOptions;
import org.repro4j.train.TrialExecutor;
import org.repro4j.train.TrialExecutors;
import org.repro4j.train.Trial;
import org.repro4j.train.TrialRunner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a hyperparameter search from its spec into {@code <resultsRoot>/<name>/}. Arbiter generates
 * the candidates (grid or random, from the spec's parameter spaces), its
 * {@link LocalOptimizationRunner} schedules them on the spec's number of threads (with a cluster executor,
 * one thread per task slot, each handing its candidate to the cluster as a trial) and stops at the
 * budget (Arbiter's {@link MaxCandidatesCondition} and {@link MaxTimeCondition}), and each
 * candidate is trained by the experiment engine and scored on the validation split. Every finished
 * candidate goes to the {@link SearchJournal} first, so an interrupted search resumes where it
 * stopped; the results folder is written at the end and the journal then deleted. The chosen
 * candidate is trained once more from the same seed and, when the spec asks, evaluated on the test
 * split, which no other candidate ever sees.
 */
public final class SearchRunner {
    static {
        // Arbiter logs every task at INFO; our own progress lines say the same once.
        String key = "org.slf4j.simpleLogger.log.org.deeplearning4j.arbiter";
        if (System.getProperty(key) == null) {
            System.setProperty(key, "warn");
        }
    }

    private SearchRunner() {
    }

    /** What trains and scores the candidates, and measures the chosen one. */
    record Engine(CandidateTrainer trainer, ScoreFunction score, DataProvider data, BestEvaluation best) {
    }

    /** Measures the chosen candidate after the search: {@code val_acc}, {@code test_acc}, ... */
    interface BestEvaluation {
        Map<String, Double> evaluate(CandidateRecord best) throws Exception;
    }

    /** @return the finished results folder */
    public static Path run(Path specFile, SearchOptions options) {
        ResolvedSearch resolved = SearchSpecLoader.resolve(specFile);
        SearchSpec spec = resolved.spec();
        // The form the base experiment trains on; a candidate that augments where it does not is refused by TrialRunner.
        ExperimentSpec base = SearchSpecLoader.candidate(spec, specFile, Map.of());
        SplitsStore.Form form = TrialRunner.form(base.training());
        try (SplitsStore.Lease lease = SplitsStore.shared().acquire(base.data(), options.dataDir(), options.quick(), form)) {
            Splits data = lease.splits();
            if (spec.search().testBest() && data.test() == null) {
                throw new ReproException(specFile + ": search.test_best is true, but protocol '"
                        + spec.experiment().path("data").path("protocol").asText() + "' has no test split. Fix: set test_best: false.");
            }
            ValidationScore score = new ValidationScore(spec.search().score());
            NetworkTrainer here = new NetworkTrainer(spec, specFile, options.quick());
            // The chosen candidate is trained again here, on the splits loaded above, so that only test_best shows it the test split.
            BestEvaluation best = record -> measureBest(here, spec, data, record);
            if (options.executor().local()) {
                return run(resolved, options, new Engine(here, score, new SplitsProvider(data), best), spec.search().threads());
            }
            try (TrialExecutor cluster = TrialExecutors.create(options.executor(), options.dataDir(), options.quick(), 1)) {
                NetworkTrainer remote = new NetworkTrainer(spec, specFile, options.quick(),
                        (trial, splits) -> cluster.run(List.of(trial), c -> {
                            throw new IllegalStateException("a cluster's executor loads its own splits");
                        }, () -> {
                        }).get(0));
                int slots = cluster.parallelism();
                options.log().printf("  candidates train on the %s executor at %s, %d at once%n", options.executor().kind(),
                        options.executor().master(), slots);
                return run(resolved, options, new Engine(remote, score, new SplitsProvider(data), best), slots);
            }
        }
    }

    static Path run(ResolvedSearch resolved, SearchOptions options, Engine engine) {
        return run(resolved, options, engine, resolved.spec().search().threads());
    }

    /** @param threads candidates trained at once: the spec's threads here, a cluster's task slots there */
    static Path run(ResolvedSearch resolved, SearchOptions options, Engine engine, int threads) {
        SearchSpec spec = resolved.spec();
        Path specFile = resolved.file();
        requireProducedReferences(spec, specFile);
        long start = System.nanoTime();
        SearchSpec.Settings settings = spec.search();
        SpecParameterSpace space = SpecParameterSpace.of(spec.parameters());
        int budget = CandidateGenerators.budget(settings, space, options.quick() ? SearchOptions.QUICK_CANDIDATES : Integer.MAX_VALUE);
        options.log().printf("== search %s: %s (%s)%n", spec.name(), spec.title(), options.quick() ? "QUICK" : "full run");
        Path journalFile = SearchJournal.fileFor(options.resultsRoot(), spec.name());
        try (SearchJournal journal = SearchJournal.open(journalFile, spec.name(), resolved.sha256(), options.fresh())) {
            requireSameCandidates(journal, settings, space, spec.seed(), budget, journalFile);
            double earlier = journal.elapsedSeconds();
            if (!journal.records().isEmpty()) {
                options.log().printf(Locale.ROOT, "  resuming: %d candidate(s) recorded in %s (%.0f s of earlier sessions)%n",
                        journal.records().size(), journalFile, earlier);
            }
            runCandidates(spec, space, engine, journal, options, budget, earlier, threads);

            requireACompletedCandidate(spec, journal);
            SearchReport report = new SearchReport(resolved, options, journal.records());
            List<String> notes = new ArrayList<>();
            Map<String, Double> bestMeasures = bestMeasures(engine, report.best(), spec, notes);
            if (options.quick()) {
                notes.add("QUICK run: at most " + SearchOptions.QUICK_CANDIDATES + " candidates, " + Splits.QUICK_TRAIN
                        + " training and " + Splits.QUICK_EVAL + " evaluation examples, at most " + RunOptions.QUICK_EPOCHS
                        + " epochs; the numbers are not comparable with a full search.");
            }
            Path out = report.write(bestMeasures, notes, earlier + (System.nanoTime() - start) / 1e9);
            journal.delete();
            options.log().printf(Locale.ROOT, "== search %s done -> %s%n", spec.name(), out);
            return out;
        }
    }

    /** Hands the candidates to Arbiter's local runner until the budget is spent or the grid is done. */
    private static void runCandidates(SearchSpec spec, SpecParameterSpace space, Engine engine, SearchJournal journal,
                                      SearchOptions options, int budget, double earlierSeconds, int threads) {
        SearchSpec.Settings settings = spec.search();
        List<TerminationCondition> stops = new ArrayList<>();
        if (budget != Integer.MAX_VALUE) {
            stops.add(new MaxCandidatesCondition(budget));
        }
        if (settings.maxMinutes() != null) {
            long leftMs = Math.round(settings.maxMinutes() * 60_000 - earlierSeconds * 1000);
            if (leftMs <= 0) {
                options.log().println("  the time budget was spent in earlier sessions; no new candidates");
                return;
            }
            stops.add(new MaxTimeCondition(leftMs, TimeUnit.MILLISECONDS));
        }
        CandidateGenerator generator = CandidateGenerators.create(settings, space, spec.seed(), budget);
        stops.add(new GeneratorDone(generator));
        OptimizationConfiguration config = new OptimizationConfiguration.Builder()
                .candidateGenerator(generator)
                .dataProvider(engine.data())
                .scoreFunction(engine.score())
                .terminationConditions(stops)
                .build();
        CandidateTasks tasks = new CandidateTasks(engine.trainer(), journal, options.log(), budget);
        stops.add(new StopOnBug(tasks));
        new LocalOptimizationRunner(threads, config, tasks).execute();
        CandidateTasks.Fatal bug = tasks.fatal();
        if (bug != null) {
            throw new IllegalStateException("search " + spec.name() + " stopped: candidate " + bug.values()
                    + " failed in repro4j's own code, not in its training (" + bug.error() + "). The journal keeps the "
                    + journal.records().size() + " candidate(s) finished so far; run the search again after the fix to resume.",
                    bug.error());
        }
    }

    /** Ends the run as soon as a candidate has met a bug: every later candidate would meet it too. */
    private record StopOnBug(CandidateTasks tasks) implements TerminationCondition {
        @Override
        public void initialize(IOptimizationRunner runner) {
        }

        @Override
        public boolean terminate(IOptimizationRunner runner) {
            return tasks.fatal() != null;
        }
    }

    /**
     * A resumed search must generate the candidates its journal holds, at the same indices. The
     * journal's spec hash already guarantees that; this catches a changed Arbiter or generator.
     */
    private static void requireSameCandidates(SearchJournal journal, SearchSpec.Settings settings, SpecParameterSpace space,
                                              long seed, int budget, Path journalFile) {
        Map<Integer, CandidateRecord> recorded = journal.records();
        if (recorded.isEmpty()) {
            return;
        }
        CandidateGenerator again = CandidateGenerators.create(settings, space, seed, budget);
        int last = recorded.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
        for (int i = 0; i <= last; i++) {
            Candidate c = again.hasMoreCandidates() ? again.getCandidate() : null;
            CandidateRecord r = recorded.get(i);
            if (r != null && (c == null || !sameValues(r.values(), c.getValue()))) {
                throw new ReproException("The search journal " + journalFile + " records candidate " + i + " as " + r.values()
                        + ", but the search now generates " + (c == null ? "no such candidate" : c.getValue())
                        + ". Fix: rerun with --fresh to start the search over.");
            }
        }
    }

    /**
     * A search whose every candidate failed has chosen nothing: it writes no results, says why the
     * candidates failed, and (a rerun would only replay the failures) drops its journal.
     */
    private static void requireACompletedCandidate(SearchSpec spec, SearchJournal journal) {
        Collection<CandidateRecord> records = journal.records().values();
        if (records.stream().anyMatch(CandidateRecord::completed)) {
            return;
        }
        Map<String, Long> reasons = records.stream().collect(Collectors.groupingBy(
                r -> String.valueOf(r.reason()).replaceAll("epoch \\d+, step \\d+", "epoch k, step s"),
                LinkedHashMap::new, Collectors.counting()));
        journal.delete();
        throw new ReproException("search " + spec.name() + ": none of its " + records.size()
                + " candidate(s) trained to a usable model, so there is nothing to choose and no results were written. "
                + "Why they failed: " + reasons.entrySet().stream().map(e -> e.getValue() + " x " + e.getKey())
                .collect(Collectors.joining("; "))
                + ". Fix the parameter ranges in the search spec (e.g. smaller learning rates) and run it again.");
    }

    /** Values read back from JSON compare equal to freshly generated ones: numbers by value. */
    static boolean sameValues(Map<String, Object> recorded, Object generated) {
        if (!(generated instanceof Map<?, ?> g) || !g.keySet().equals(recorded.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> e : recorded.entrySet()) {
            Object a = e.getValue();
            Object b = g.get(e.getKey());
            boolean same = a instanceof Number x && b instanceof Number y ? x.doubleValue() == y.doubleValue() : Objects.equals(a, b);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Double> bestMeasures(Engine engine, CandidateRecord best, SearchSpec spec, List<String> notes) {
        if (best == null) {
            return Map.of();
        }
        String score = spec.search().score();
        Map<String, Double> measures;
        try {
            measures = engine.best().evaluate(best);
        } catch (Exception e) {
            throw new ReproException("The chosen candidate " + best.values() + " could not be trained again: " + e.getMessage(), e);
        }
        if (!measures.containsKey(score)) {
            measures = new LinkedHashMap<>(measures);
            measures.put(score, best.score());
        } else if (Math.abs(measures.get(score) - best.score()) > 1e-6 * Math.max(1, Math.abs(best.score()))) {
            notes.add(String.format(Locale.ROOT, "Training the chosen candidate again from the same seed gave %s %.6f, "
                    + "not the %.6f it scored in the search; the measures above are from the second training.",
                    score, measures.get(score), best.score()));
        }
        return measures;
    }

    /** The chosen candidate, trained again from the same seed, measured on every split the protocol has. */
    private static Map<String, Double> measureBest(NetworkTrainer trainer, SearchSpec spec, Splits data, CandidateRecord best)
            throws CandidateTrainer.CandidateFailure {
        Map<String, Double> trained = trainer.trial(best.values(), spec.search().testBest() ? data : data.withoutTest(),
                Trial.Evaluation.CHOSEN).measures();
        Map<String, Double> measures = new LinkedHashMap<>();
        for (String key : List.of("train_acc", "train_loss", "val_acc", "val_loss", "val_cost", "test_acc", "test_loss", "test_cost")) {
            if (trained.containsKey(key)) {
                measures.put(key, trained.get(key));
            }
        }
        return measures;
    }

    private static void requireProducedReferences(SearchSpec spec, Path specFile) {
        List<String> unknown = new ArrayList<>(spec.reference().measures().keySet());
        unknown.removeAll(SearchReport.measureKeys(spec));
        if (!unknown.isEmpty()) {
            throw new ReproException(specFile + ": reference.measures names measures a search does not produce: " + unknown
                    + ". Produced: " + SearchReport.measureKeys(spec));
        }
    }

    /** Ends the run once the generator has nothing left and every started candidate has returned. */
    private record GeneratorDone(CandidateGenerator generator) implements TerminationCondition {
        @Override
        public void initialize(IOptimizationRunner runner) {
        }

        @Override
        public boolean terminate(IOptimizationRunner runner) {
            return !generator.hasMoreCandidates() && runner.numCandidatesQueued() == 0;
        }
    }
}
