package org.repro4j.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.repro4j.ReproException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads experiment specs from YAML. Unknown keys and impossible values are refused with the
 * file, the key and the reason, so a typo never silently falls back to a default.
 */
public final class SpecLoader {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private SpecLoader() {
    }

    /** Loads and validates one spec file; every run's resolved settings are validated too. */
    public static ExperimentSpec load(Path file) {
        return resolve(file).spec();
    }

    /**
     * Reads one spec file, once: {@code extends} applied, the base and every setting bound and
     * validated (all problems reported together), the canonical JSON computed.
     */
    public static ResolvedExperiment resolve(Path file) {
        JsonNode tree = readTree(file);
        ExperimentSpec spec = bind(tree, file, "");
        List<String> problems = new ArrayList<>(SpecValidator.validate(spec));
        String expectedId = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (spec.id() != null && !spec.id().equals(expectedId)) {
            problems.add("id: '" + spec.id() + "' must match the file name '" + expectedId + "'");
        }
        List<ResolvedExperiment.Setting> settings = new ArrayList<>();
        if (spec.runs().isEmpty()) {
            settings.add(new ResolvedExperiment.Setting("", spec));
        }
        // The runs are checked on a valid base only: a run that sets one key of a missing section would
        // otherwise report that section's other keys as missing and hide the base's own problem.
        for (SettingSpec run : problems.isEmpty() ? spec.runs() : List.<SettingSpec>of()) {
            ExperimentSpec resolved = bind(applyOverrides(tree, run, file), file, " (run '" + run.name() + "')");
            for (String p : SpecValidator.validate(resolved)) {
                problems.add("run '" + run.name() + "': " + p);
            }
            settings.add(new ResolvedExperiment.Setting(run.name(), resolved));
        }
        if (!problems.isEmpty()) {
            throw new ReproException(file + ": invalid experiment spec:\n  - " + String.join("\n  - ", problems)
                    + "\nFix these keys (see experiments/README.md for the schema).");
        }
        return new ResolvedExperiment(file, spec, settings, canonicalJson(tree, file));
    }

    /**
     * The spec's YAML tree with {@code extends: <id>} resolved: the named sibling spec is the base,
     * and this file's keys replace its keys (mappings merge key by key; lists and values replace).
     */
    private static JsonNode readTree(Path file) {
        return readTree(file, new java.util.ArrayList<>());
    }

    /** The tree as compact JSON with sorted keys: what identifies an experiment's settings, whichever file they came from. */
    static String canonicalJson(JsonNode tree, Path file) {
        try {
            Object plain = YAML.treeToValue(tree, Object.class);
            return new ObjectMapper().configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .writeValueAsString(plain);
        } catch (JsonProcessingException e) {
            throw new ReproException(file + ": cannot serialise: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode readTree(Path file, List<Path> chain) {
        JsonNode tree = readOwnTree(file);
        JsonNode parent = tree.get("extends");
        if (parent == null) {
            return tree;
        }
        chain.add(file);
        Path base = file.resolveSibling(parent.asText() + ".yaml");
        if (!parent.isTextual() || !Files.isRegularFile(base)) {
            throw new ReproException(file + ": extends: '" + parent.asText() + "' is not an experiment spec next to it");
        }
        if (chain.contains(base)) {
            throw new ReproException(file + ": extends: circular chain " + chain);
        }
        ObjectNode merged = readTree(base, chain).deepCopy();
        merge(merged, (ObjectNode) tree);
        merged.remove("extends");
        if (!tree.has("study")) {
            merged.remove("study"); // a study's seeds answer one experiment's cost, not its derivatives'
        }
        return merged;
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(e -> {
            JsonNode old = into.get(e.getKey());
            if (old instanceof ObjectNode o && e.getValue() instanceof ObjectNode n && !"reference".equals(e.getKey())) {
                merge(o, n);
            } else {
                into.set(e.getKey(), e.getValue());
            }
        });
    }

    private static JsonNode readOwnTree(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ReproException("No experiment spec at " + file + ". Run 'repro list' to see the experiment ids.");
        }
        try {
            JsonNode tree = YAML.readTree(file.toFile());
            if (tree == null || !tree.isObject()) {
                throw new ReproException(file + ": an experiment spec must be a YAML mapping of keys (id, title, ...)");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new ReproException(file + ": not valid YAML: " + SpecKeys.invalidYaml(e), e);
        } catch (IOException e) {
            throw new ReproException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The tree as an {@link ExperimentSpec}: unknown and missing keys, then values Jackson cannot bind, are refused. */
    static ExperimentSpec bind(JsonNode tree, Path file, String context) {
        return bind(tree, ExperimentSpec.class, file + context + ": invalid experiment spec", "experiments/README.md");
    }

    /**
     * Binds a spec tree to its record, refusing (with the problems listed under {@code what}) unknown
     * and missing keys ({@link SpecKeys}) and values of the wrong form, all in the user's words.
     */
    static <T extends Record> T bind(JsonNode tree, Class<T> type, String what, String schema) {
        List<String> problems = SpecKeys.problems(tree, type);
        if (problems.isEmpty()) {
            try {
                return YAML.treeToValue(tree, type);
            } catch (JsonMappingException e) {
                problems = List.of(SpecKeys.badValue(e, tree));
            } catch (JsonProcessingException e) {
                problems = List.of("cannot be read: " + e.getOriginalMessage());
            }
        }
        throw new ReproException(what + ":\n  - " + String.join("\n  - ", problems)
                + "\nFix these keys (see " + schema + " for the schema).");
    }

    static JsonNode applyOverrides(JsonNode base, SettingSpec run, Path file) {
        ObjectNode copy = base.deepCopy();
        copy.remove("runs");
        for (Map.Entry<String, Object> e : run.set().entrySet()) {
            String[] parts = e.getKey().split("\\.");
            ObjectNode node = copy;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode child = node.get(parts[i]);
                if (child == null || child.isNull()) {
                    child = node.putObject(parts[i]);
                } else if (!child.isObject()) {
                    throw new ReproException(file + ": run '" + run.name() + "': set key '" + e.getKey()
                            + "': '" + parts[i] + "' is not a mapping");
                }
                node = (ObjectNode) child;
            }
            node.set(parts[parts.length - 1], YAML.valueToTree(e.getValue()));
        }
        return copy;
    }
}
