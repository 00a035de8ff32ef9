package org.repro4j.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;
import java.util.List;

/**
 * The names the specs use for the constants of the spec enums ({@link Kind}, {@link Protocol},
 * {@link Loss}, ...): each constant's {@link JsonProperty} value, e.g. {@code salt-pepper}. Jackson
 * binds by these names; messages and measure keys print them.
 */
public final class SpecNames {
    private SpecNames() {
    }

    /** The YAML name of one constant. */
    public static String of(Enum<?> constant) {
        try {
            JsonProperty name = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return name == null ? constant.name() : name.value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The YAML names of every constant, in declaration order. */
    public static List<String> all(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> of((Enum<?>) c)).toList();
    }
}
