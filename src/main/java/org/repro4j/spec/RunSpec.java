package org.repro4j.spec;

import java.util.Map;

/**
 * One named setting of an experiment, e.g. {@code lambda=0.1,eta=0.001}. {@code set} maps dotted
 * spec paths ({@code training.learning_rate}) to the values this run uses instead of the base spec's.
 */
public record RunSpec(String name, Map<String, Object> set) {
    public RunSpec {
        set = set == null ? Map.of() : Map.copyOf(set);
    }
}
