package org.repro4j.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What differs between the provenance of two results of one experiment, leaf by leaf
 * ({@code recipe.codeSha256: ab12... -> cd34...}), leaving out what differs on every run (the date
 * and the wall time): two runs of the same recipe on the same machine give an empty list.
 */
public final class ProvenanceDiff {
    /** Fields that change on every run and say nothing about what was computed. */
    private static final Set<String> EVERY_RUN = Set.of("date", "wallSeconds");

    private ProvenanceDiff() {
    }

    /** One line per differing leaf, sorted by path; null provenance counts as empty. */
    public static List<String> of(Provenance a, Provenance b) {
        Map<String, String> left = leaves(a);
        Map<String, String> right = leaves(b);
        Set<String> paths = new TreeSet<>(left.keySet());
        paths.addAll(right.keySet());
        List<String> out = new ArrayList<>();
        for (String path : paths) {
            String x = left.get(path);
            String y = right.get(path);
            if (x == null ? y != null : !x.equals(y)) {
                out.add(path + ": " + (x == null ? "(absent)" : x) + " -> " + (y == null ? "(absent)" : y));
            }
        }
        return out;
    }

    private static Map<String, String> leaves(Provenance p) {
        Map<String, String> out = new TreeMap<>();
        if (p != null) {
            flatten("", Json.MAPPER.valueToTree(p), out);
        }
        return out;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (path.isEmpty() && EVERY_RUN.contains(e.getKey())) {
                    continue;
                }
                flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            out.put(path, node.toString());
        } else if (!node.isNull()) {
            out.put(path, node.asText());
        }
    }
}
