package org.repro4j.search;

import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.repro4j.data.Splits;
import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.SearchSpec;
import org.repro4j.spec.SearchSpecLoader;
import org.repro4j.train.Trial;
import org.repro4j.train.TrainingFailure;
import org.repro4j.train.TrialExecutors;
import org.repro4j.train.TrialResult;
import org.repro4j.train.TrialRunner;

import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.Map;

/**
 * Trains a candidate as an experiment's trial: the search's experiment with the candidate's
 * values, trained by the experiments' own {@link TrialRunner} on the search's training split, from
 * the search's seed. A training that diverges, or fails inside DL4J/ND4J, fails the candidate;
 * an error of repro4j's own code is not caught here, and stops the search.
 */
final class NetworkTrainer implements CandidateTrainer {
    private final SearchSpec spec;
    private final Path specFile;
    private final boolean quick;
    private final BiFunction<Trial, Splits, TrialResult> training;

    /** Trains candidates in this JVM. */
    NetworkTrainer(SearchSpec spec, Path specFile, boolean quick) {
        this(spec, specFile, quick, (trial, data) -> TrialRunner.run(trial, data, () -> {
        }).withTrainedOn(TrialExecutors.where(TrialExecutors.LOCAL)));
    }

    /** @param training trains a trial on the given splits, here or (ignoring them) on a cluster's executor */
    NetworkTrainer(SearchSpec spec, Path specFile, boolean quick, BiFunction<Trial, Splits, TrialResult> training) {
        this.spec = spec;
        this.specFile = specFile;
        this.quick = quick;
        this.training = training;
    }

    /** @return the candidate's {@link TrialResult}, with its validation measures, for {@link ValidationScore} */
    @Override
    public Object train(Map<String, Object> values, DataProvider data) throws CandidateFailure {
        return trial(values, (Splits) data.trainData(Map.of()), Trial.Evaluation.CANDIDATE);
    }

    /** A candidate's trial: scored on validation while searching, or (CHOSEN) trained again and measured on every split. */
    TrialResult trial(Map<String, Object> values, Splits data, Trial.Evaluation evaluation) throws CandidateFailure {
        ExperimentSpec experiment = SearchSpecLoader.candidate(spec, specFile, values);
        TrialResult result;
        try {
            result = training.apply(Trial.of(experiment, spec.seed(), quick, evaluation), data);
        } catch (TrainingFailure e) {
            throw new CandidateFailure(e.getMessage());
        }
        if (result.divergence() != null) {
            throw new CandidateFailure(result.divergence());
        }
        return result;
    }
}
