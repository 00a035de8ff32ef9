package org.repro4j.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.regex.Pattern;

/**
 * A wider tolerance, with its reason, for some of an experiment's measures when a rerun is compared
 * with the published results (an entry under the spec's {@code tolerances:}). Measures it does not
 * widen keep their kind's default ({@code org.repro4j.report.MeasureKind}).
 *
 * @param measures       which measure keys: a pattern where {@code *} stands for any characters,
 *                       e.g. {@code *.lambda=0,eta=0.1}
 * @param accuracyPoints for accuracies: how far a rerun may move, in percentage points
 * @param relative       for losses, costs and other values: how far, as a fraction of the value
 * @param count          for counts (steps, stop epochs): how far, in units
 * @param reason         why these measures move more than float rounding moves the others
 */
public record ToleranceSpec(String measures, @JsonProperty("accuracy_points") Double accuracyPoints, Double relative,
                            Double count, String reason) {

    /** Whether this entry covers the measure {@code key}. */
    public boolean matches(String key) {
        return pattern().matcher(key).matches();
    }

    private Pattern pattern() {
        StringBuilder regex = new StringBuilder();
        for (String part : measures.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
