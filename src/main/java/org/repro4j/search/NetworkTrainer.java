package org.repro4j.search;

import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.SearchSpec;
import org.repro4j.spec.SearchSpecLoader;
import org.repro4j.train.RunData;
import org.repro4j.train.SingleRun;
import org.repro4j.train.TrainingFailure;

import java.nio.file.Path;
import java.util.Map;

/**
 * Trains a candidate as an experiment: the search's experiment with the candidate's values, built
 * by {@code NetworkFactory} and trained by {@link SingleRun} on the search's training split, from
 * the search's seed. A training that diverges, or fails inside DL4J/ND4J, fails the candidate;
 * an error of repro4j's own code is not caught here, and stops the search.
 */
final class NetworkTrainer implements CandidateTrainer {
    private final SearchSpec spec;
    private final Path specFile;
    private final boolean quick;

    NetworkTrainer(SearchSpec spec, Path specFile, boolean quick) {
        this.spec = spec;
        this.specFile = specFile;
        this.quick = quick;
    }

    @Override
    public Object train(Map<String, Object> values, DataProvider data) throws CandidateFailure {
        return trainRun(values, (RunData) data.trainData(Map.of())).net();
    }

    /** The whole result, for the chosen candidate that is trained again and tested. */
    SingleRun.Result trainRun(Map<String, Object> values, RunData data) throws CandidateFailure {
        ExperimentSpec experiment = SearchSpecLoader.candidate(spec, specFile, values);
        SingleRun.Result result;
        try {
            result = SingleRun.train(experiment, data, spec.seed(), quick);
        } catch (TrainingFailure e) {
            throw new CandidateFailure(e.getMessage());
        }
        if (result.divergence() != null) {
            throw new CandidateFailure(result.divergence());
        }
        return result;
    }
}
