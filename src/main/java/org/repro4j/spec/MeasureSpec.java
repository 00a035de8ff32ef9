package org.repro4j.spec;

import java.util.List;

/**
 * What the runner records while training: loss, cost and accuracy on the named splits, once per
 * epoch ({@code every_steps} null) or every N optimisation steps.
 */
public record MeasureSpec(List<String> splits, @com.fasterxml.jackson.annotation.JsonProperty("every_steps") Integer everySteps) {
    public static final MeasureSpec DEFAULT = new MeasureSpec(List.of("train", "val", "test"), null);

    public MeasureSpec {
        splits = splits == null ? DEFAULT_SPLITS : List.copyOf(splits);
    }

    private static final List<String> DEFAULT_SPLITS = List.of("train", "val", "test");
}
