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
 * @param trainedOn      where it trained: the executor, the host and its cores (null when failed, or journalled before
 *                       records said it)
 */
record CandidateRecord(int index, Map<String, Object> values, Status status, Double score, double seconds,
                       @JsonProperty("elapsed_s") double elapsedSeconds, String reason,
                       @JsonProperty("trained_on") String trainedOn) {

    enum Status { COMPLETED, FAILED }

    CandidateRecord {
        values = new LinkedHashMap<>(values);
    }

    /** A record that does not say where the candidate trained. */
    CandidateRecord(int index, Map<String, Object> values, Status status, Double score, double seconds, double elapsedSeconds,
                    String reason) {
        this(index, values, status, score, seconds, elapsedSeconds, reason, null);
    }

    boolean completed() {
        return status == Status.COMPLETED;
    }
}
