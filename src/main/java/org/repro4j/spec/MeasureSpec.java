package org.repro4j.spec;

import java.util.List;

/**
 * What the runner records while training: loss, cost and accuracy on the named splits, once per
 * epoch ({@code every_steps} null) or every N optimisation steps. Every split is measured once more
 * at the end anyway; the default leaves the test split out of the curves because evaluating a
 * split costs about as much as an epoch of training on the small DD2424 protocol.
 */
public record MeasureSpec(List<String> splits, @com.fasterxml.jackson.annotation.JsonProperty("every_steps") Integer everySteps) {
    private static final List<String> DEFAULT_SPLITS = List.of("train", "val");
    public static final MeasureSpec DEFAULT = new MeasureSpec(null, null);

    public MeasureSpec {
        splits = splits == null ? DEFAULT_SPLITS : List.copyOf(splits);
    }

}
