package org.repro4j.search;

import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.TaskCreator;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.repro4j.search.CandidateRecord.Status;
import org.repro4j.train.TrialResult;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Arbiter's {@link TaskCreator} for a search: the task of a candidate the journal already holds
 * returns the recorded result at once (a resumed search does not train it again); any other
 * candidate is trained, scored on the validation split, recorded in the journal and returned.
 * A candidate whose training fails ({@link CandidateTrainer.CandidateFailure}: it diverged, or
 * DL4J/ND4J failed on it) or that scores NaN is recorded as failed with the reason, and the search
 * goes on. Any other exception is a bug: it is kept as {@link #fatal()}, the candidate is not
 * journalled (a resumed search trains it again once the bug is fixed), and the search stops.
 */
final class CandidateTasks implements TaskCreator {
    private final CandidateTrainer trainer;
    private final SearchJournal journal;
    private final PrintStream log;
    private final int budget;
    private final long sessionStart = System.nanoTime();
    private final double earlierSeconds;
    private volatile Fatal fatal;

    /** The first bug a candidate ran into, with its candidate. */
    record Fatal(Map<String, Object> values, Throwable error) {
    }

    /** @param budget the number of candidates the search runs at most, for the progress lines */
    CandidateTasks(CandidateTrainer trainer, SearchJournal journal, PrintStream log, int budget) {
        this.trainer = trainer;
        this.journal = journal;
        this.log = log;
        this.budget = budget;
        this.earlierSeconds = journal.elapsedSeconds();
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, DataProvider data, ScoreFunction score,
                                               List<StatusListener> listeners, IOptimizationRunner runner) {
        return () -> {
            CandidateRecord done = journal.get(candidate.getIndex());
            CandidateRecord r = done != null ? done : runCandidate(candidate, data, score);
            return r != null ? result(candidate, r) : stoppedBy(candidate);
        };
    }

    /** The first error of repro4j's own code a candidate met, or null; the search stops on it. */
    Fatal fatal() {
        return fatal;
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, Class<? extends DataSource> dataSource,
                                               Properties dataSourceProperties, ScoreFunction score,
                                               List<StatusListener> listeners, IOptimizationRunner runner) {
        throw new UnsupportedOperationException("searches hand their splits to Arbiter as a DataProvider");
    }

    /** @return the journalled record, or null when the candidate met a bug (kept in {@link #fatal()}) */
    @SuppressWarnings("unchecked")
    private CandidateRecord runCandidate(Candidate candidate, DataProvider data, ScoreFunction scoreFunction) {
        Map<String, Object> values = (Map<String, Object>) candidate.getValue();
        long start = System.nanoTime();
        Double score = null;
        String reason = null;
        String trainedOn = null;
        try {
            Object model = trainer.train(values, data);
            trainedOn = model instanceof TrialResult trial ? trial.trainedOn() : null;
            double s = scoreFunction.score(model, data, candidate.getDataParameters());
            if (Double.isFinite(s)) {
                score = s;
            } else {
                reason = "diverged: validation score " + s;
            }
        } catch (CandidateTrainer.CandidateFailure e) {
            reason = e.getMessage();
        } catch (Exception | Error e) {
            if (fatal == null) {
                fatal = new Fatal(values, e);
            }
            return null;
        }
        long end = System.nanoTime();
        CandidateRecord r = new CandidateRecord(candidate.getIndex(), values, score == null ? Status.FAILED : Status.COMPLETED,
                score, (end - start) / 1e9, earlierSeconds + (end - sessionStart) / 1e9, reason, trainedOn);
        journal.append(r);
        log.printf(Locale.ROOT, "  [%d/%s] %s: %s (%.1f s)%n", journal.records().size(),
                budget == Integer.MAX_VALUE ? "?" : Integer.toString(budget), describe(values),
                r.completed() ? String.format(Locale.ROOT, "score %.4f", score) : "FAILED, " + reason, r.seconds());
        return r;
    }

    /** What Arbiter gets for a candidate that met a bug: failed, and not in the journal. */
    private OptimizationResult stoppedBy(Candidate candidate) {
        long now = System.currentTimeMillis();
        CandidateInfo info = new CandidateInfo(candidate.getIndex(), CandidateStatus.Failed, null, now, now, now,
                candidate.getFlatParameters(), String.valueOf(fatal.error()));
        return new OptimizationResult(candidate, null, candidate.getIndex(), null, info, null);
    }

    private static OptimizationResult result(Candidate candidate, CandidateRecord r) {
        long now = System.currentTimeMillis();
        CandidateInfo info = new CandidateInfo(r.index(), r.completed() ? CandidateStatus.Complete : CandidateStatus.Failed,
                r.score(), now, now, now, candidate.getFlatParameters(), r.reason());
        return new OptimizationResult(candidate, r.score(), r.index(), null, info, null);
    }

    static String describe(Map<String, Object> values) {
        return values.entrySet().stream()
                .map(e -> e.getKey().substring(e.getKey().lastIndexOf('.') + 1) + "=" + format(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** Numbers to 4 significant digits for people; the journal and candidates.csv keep every digit. */
    static String format(Object value) {
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.4g", d);
        }
        return String.valueOf(value);
    }
}
