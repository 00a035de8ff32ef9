package org.repro4j.search;

import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;

import java.util.Map;

/**
 * Trains the model of one candidate; the search's {@code ScoreFunction} then scores it on the
 * validation split. {@link NetworkTrainer} trains DL4J networks from the search's experiment;
 * tests plug in small synthetic objectives.
 */
interface CandidateTrainer {
    /**
     * @param values the candidate's dotted experiment keys and values
     * @return the trained model, as the score function expects it
     * @throws CandidateFailure when the candidate's training failed (it diverged, or DL4J/ND4J failed
     *                          on it): the candidate is recorded as failed and the search goes on
     * @throws Exception        anything else is a bug, and stops the search
     */
    Object train(Map<String, Object> values, DataProvider data) throws Exception;

    /** Why a candidate produced no usable model, in words for {@code candidates.csv}. */
    final class CandidateFailure extends Exception {
        CandidateFailure(String reason) {
            super(reason);
        }
    }
}
