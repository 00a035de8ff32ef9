package org.repro4j.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The gradient check: {@code examples} training images, initial weights and biases from
 * N(0, init_std^2), central differences with step {@code h}, in double precision.
 */
public record GradCheckSpec(int examples, @JsonProperty("init_std") double initStd, double h, double lambda,
                            @JsonProperty("max_abs_diff") double maxAbsDiff) {
}
