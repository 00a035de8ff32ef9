package org.repro4j.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The keys of a spec's YAML tree checked against the spec records before Jackson binds them, so
 * that a user reads "unknown key 'training.batchsize'; did you mean 'batch_size'?" or
 * "'training.batch_size' is missing" rather than what Jackson says when a record's primitive has
 * no value. The records are the schema: a key is a record component (its {@link JsonProperty}
 * name where it has one); a primitive component ({@code int}, {@code double}) is required, a boxed
 * one optional (its record gives the default). Values are left to Jackson and
 * {@link #badValue}, meanings to {@link SpecValidator}.
 */
final class SpecKeys {
    private SpecKeys() {
    }

    /** Unknown and missing keys in {@code tree} for a record of type {@code type}, as "key: reason". */
    static List<String> problems(JsonNode tree, Class<? extends Record> type) {
        List<String> out = new ArrayList<>();
        walk(tree, type, "", out);
        return out;
    }

    private static void walk(JsonNode node, Type type, String path, List<String> out) {
        if (node == null || node.isNull()) {
            return;
        }
        Class<?> raw = raw(type);
        if (raw.isEnum()) {
            enumValue(node, raw, path, out);
        } else if (raw.isRecord() && node.isObject()) {
            record(node, raw, path, out);
        } else if (Collection.class.isAssignableFrom(raw) && node.isArray() && type instanceof ParameterizedType p) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), p.getActualTypeArguments()[0], path + "[" + i + "]", out);
            }
        } else if (Map.class.isAssignableFrom(raw) && node.isObject() && type instanceof ParameterizedType p) {
            Type values = p.getActualTypeArguments()[1];
            node.fields().forEachRemaining(e -> walk(e.getValue(), values, join(path, e.getKey()), out));
        }
    }

    /** A name of a spec enum ({@link SpecNames}): all problems are found here, where Jackson would stop at the first. */
    private static void enumValue(JsonNode node, Class<?> type, String path, List<String> out) {
        List<String> allowed = SpecNames.all(type);
        if (node.isTextual() && allowed.contains(node.asText())) {
            return;
        }
        String nearest = node.isTextual() ? nearest(node.asText(), allowed) : null;
        out.add(path + ": unknown value " + describe(node) + (nearest == null ? "." : "; did you mean '" + nearest + "'?")
                + " Expected one of " + allowed);
    }

    private static void record(JsonNode node, Class<?> type, String path, List<String> out) {
        Map<String, RecordComponent> keys = keys(type);
        // A required key that a misspelt one was probably meant to be is not reported again as missing.
        Set<String> suggested = new HashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.containsKey(key)) {
                String nearest = nearest(key, keys.keySet());
                out.add(join(path, key) + ": unknown key" + (nearest == null ? "." : "; did you mean '" + nearest + "'?")
                        + " Keys allowed here: " + keys.keySet());
                suggested.add(nearest);
            }
        }
        keys.forEach((key, component) -> {
            JsonNode child = node.get(key);
            if (child == null || child.isNull()) {
                if (component.getType().isPrimitive() && !suggested.contains(key)) {
                    out.add(join(path, key) + ": is missing; it is required (" + expected(component.getType()) + ")");
                }
            } else {
                walk(child, component.getGenericType(), join(path, key), out);
            }
        });
    }

    /** The YAML keys of a record, in declaration order. */
    static Map<String, RecordComponent> keys(Class<?> type) {
        Map<String, RecordComponent> keys = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            JsonProperty renamed;
            try {
                renamed = type.getDeclaredField(c.getName()).getAnnotation(JsonProperty.class);
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
            keys.put(renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName(), c);
        }
        return keys;
    }

    /**
     * A value Jackson could not bind, in the user's words: "bad value at 'training.epochs':
     * expected a whole number, got 'forty'". No Jackson class or option names.
     */
    static String badValue(JsonMappingException e, JsonNode tree) {
        String path = pathOf(e);
        JsonNode given = tree;
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (given == null) {
                break;
            }
            given = ref.getFieldName() != null ? given.get(ref.getFieldName()) : given.get(ref.getIndex());
        }
        if (e.getCause() instanceof IllegalArgumentException refused && refused.getMessage() != null) {
            return "bad value at '" + path + "': " + refused.getMessage(); // a record's own check says what it wants
        }
        String expected = e instanceof MismatchedInputException m && m.getTargetType() != null
                ? expected(m.getTargetType()) : "a value of another form (see the schema)";
        return "bad value at '" + path + "': expected " + expected + ", got " + describe(given);
    }

    /** Why a file is not valid YAML, in the user's words (a key given twice, or the parser's own message). */
    static String invalidYaml(com.fasterxml.jackson.core.JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        java.util.regex.Matcher twice = java.util.regex.Pattern.compile("^Duplicate field '([^']*)'").matcher(message);
        String why = twice.find() ? "the key '" + twice.group(1) + "' is given twice" : message;
        return why + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")");
    }

    /** The dotted path of the key Jackson failed on, with list indices: {@code training.augment[0].p}. */
    static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list [a, b, ...]";
        }
        if (type.isRecord() || Map.class.isAssignableFrom(type) || JsonNode.class.isAssignableFrom(type)) {
            return "a mapping of keys {key: value, ...}";
        }
        return "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static String describe(JsonNode given) {
        if (given == null || given.isNull() || given.isMissingNode()) {
            return "no value";
        }
        if (given.isArray()) {
            return "a list " + given;
        }
        if (given.isObject()) {
            return "a mapping " + given;
        }
        return "'" + given.asText() + "'";
    }

    /** The allowed key closest to a misspelt one, when it is close enough to be what was meant. */
    static String nearest(String key, Collection<String> allowed) {
        String wanted = squash(key);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = distance(wanted, squash(candidate));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(1, Math.min(3, key.length() / 3)) ? best : null;
    }

    /** Case, '_' and '-' do not make a key different to a person: batchSize, batch-size, batchsize. */
    private static String squash(String key) {
        return key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
