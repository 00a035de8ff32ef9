package org.repro4j.search;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One finished candidate, as the journal keeps it and {@code candidates.csv} shows it.
 *
 * @param index          Arbiter's candidate number, from 0 in generation order
 * @param values         the dotted experiment keys and the values this candidate used
 * @param status         {@link Status#COMPLETED} with a score, or {@link Status#FAILED} with a reason
 * @param score          the validation score (null when failed)
 * @param seconds        wall time of training and scoring
 * @param elapsedSeconds wall time since the search started, summed over resumed sessions, when it finished
 * @param reason         why it failed (null when completed)
 */
record CandidateRecord(int index, Map<String, Object> values, Status status, Double score, double seconds,
                       @JsonProperty("elapsed_s") double elapsedSeconds, String reason) {

    enum Status { COMPLETED, FAILED }

    CandidateRecord {
        values = new LinkedHashMap<>(values);
    }

    boolean completed() {
        return status == Status.COMPLETED;
    }
}
