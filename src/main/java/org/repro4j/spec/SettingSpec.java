package org.repro4j.spec;

import java.util.Map;

/**
 * One setting of an experiment, an entry under the spec's {@code runs:}, e.g.
 * {@code lambda=0.1,eta=0.001}. {@code set} maps dotted spec paths ({@code training.learning_rate})
 * to the values this setting trains with instead of the base spec's.
 */
public record SettingSpec(String name, Map<String, Object> set) {
    public SettingSpec {
        set = set == null ? Map.of() : Map.copyOf(set);
    }
}
