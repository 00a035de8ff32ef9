package org.repro4j.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.repro4j.ReproException;
import org.repro4j.spec.SearchSpec.ParameterSpec;
import org.repro4j.spec.SearchSpec.Settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads search specs ({@code experiments/search/<name>.yaml}) as strictly as {@link SpecLoader}
 * reads experiment specs: unknown keys and impossible values are refused with the file, the key
 * and the reason. The base experiment is validated as an experiment spec, and so is every
 * parameter's extreme values put into it, so a typo in a parameter key or a range that includes
 * an impossible value (a batch size of 0) fails at load time, not in the middle of a search.
 */
public final class SearchSpecLoader {
    static final Set<String> GENERATORS = Set.of("grid", "random");
    static final Set<String> SCORES = Set.of("val_acc", "val_loss", "val_cost");
    static final Set<String> EXPERIMENT_SECTIONS = Set.of("data", "network", "training");
    /** Parameters may change how a candidate trains, not the data every candidate shares. */
    static final List<String> SEARCHABLE_PREFIXES = List.of("training.", "network.");
    /** Refuses a real number where an integer belongs, so a uniform range on batch_size is caught. */
    private static final ObjectMapper STRICT_NUMBERS = SpecLoader.YAML.copy()
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private SearchSpecLoader() {
    }

    /** Loads and validates one search spec. */
    public static SearchSpec load(Path file) {
        return resolve(file).spec();
    }

    /** Reads and validates one search spec, once, with its canonical JSON. */
    public static ResolvedSearch resolve(Path file) {
        JsonNode tree = readTree(file);
        SearchSpec spec = bind(tree, file);
        List<String> problems = new ArrayList<>();
        String expectedName = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        new Checks(spec, file, problems).all(expectedName);
        if (!problems.isEmpty()) {
            throw new ReproException(file + ": invalid search spec:\n  - " + String.join("\n  - ", problems)
                    + "\nFix these keys (see experiments/search/README.md for the schema).");
        }
        return new ResolvedSearch(file, spec, SpecLoader.canonicalJson(tree, file));
    }

    /**
     * The experiment one candidate trains: the search's experiment with the candidate's values at
     * their dotted keys, validated like any experiment spec.
     *
     * @throws ReproException when the values make an invalid experiment
     */
    public static ExperimentSpec candidate(SearchSpec spec, Path file, Map<String, Object> values) {
        List<String> problems = new ArrayList<>();
        ExperimentSpec resolved = resolve(spec, file, values, problems);
        if (!problems.isEmpty()) {
            throw new ReproException(file + ": the candidate " + values + " is not a valid experiment: "
                    + String.join("; ", problems));
        }
        return resolved;
    }

    private static ExperimentSpec resolve(SearchSpec spec, Path file, Map<String, Object> values, List<String> problems) {
        JsonNode tree = SpecLoader.applyOverrides(experimentTree(spec), new SettingSpec("candidate", values), file);
        ExperimentSpec resolved = SpecLoader.bind(tree, file, " (experiment)");
        problems.addAll(SpecValidator.validate(resolved));
        return resolved;
    }

    /** The search's experiment as a whole experiment spec tree, so the experiment validator applies unchanged. */
    static ObjectNode experimentTree(SearchSpec spec) {
        ObjectNode tree = SpecLoader.YAML.createObjectNode();
        tree.put("id", spec.name() == null ? "search" : spec.name());
        tree.put("title", spec.title() == null ? "search" : spec.title());
        tree.put("report", spec.report() == null ? "none" : spec.report());
        tree.put("reproduces", spec.reproduces() == null ? "search" : spec.reproduces());
        tree.put("description", spec.description() == null ? "search" : spec.description());
        tree.put("kind", "train");
        if (spec.experiment() != null) {
            tree.setAll(spec.experiment().deepCopy());
        }
        tree.putArray("seeds").add(spec.seed());
        return tree;
    }

    private static JsonNode readTree(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ReproException("No search spec at " + file + ". The searches are the files in experiments/search/.");
        }
        try {
            JsonNode tree = SpecLoader.YAML.readTree(file.toFile());
            if (tree == null || !tree.isObject()) {
                throw new ReproException(file + ": a search spec must be a YAML mapping of keys (name, title, ...)");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new ReproException(file + ": not valid YAML: " + SpecKeys.invalidYaml(e), e);
        } catch (IOException e) {
            throw new ReproException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static SearchSpec bind(JsonNode tree, Path file) {
        return SpecLoader.bind(tree, SearchSpec.class, file + ": invalid search spec", "experiments/search/README.md");
    }

    /** The semantic checks, each problem naming its key. */
    private record Checks(SearchSpec spec, Path file, List<String> problems) {

        void all(String expectedName) {
            require(spec.name() != null && spec.name().equals(expectedName), "name",
                    "must be the file name '" + expectedName + "', got '" + spec.name() + "'");
            for (String[] text : new String[][]{{"title", spec.title()}, {"report", spec.report()},
                    {"reproduces", spec.reproduces()}, {"description", spec.description()}}) {
                require(text[1] != null && !text[1].isBlank(), text[0], "is required");
            }
            experiment();
            if (spec.search() == null) {
                problems.add("search: is required ({generator, max_candidates, max_minutes, threads, score, ...})");
            } else {
                settings(spec.search());
            }
            require(!spec.parameters().isEmpty(), "parameters", "must name at least one experiment key to search");
            spec.parameters().forEach(this::parameter);
            problems.addAll(SpecValidator.referenceProblems(spec.reference()));
        }

        private void experiment() {
            if (spec.experiment() == null) {
                problems.add("experiment: is required (the data, network and training every candidate starts from)");
                return;
            }
            spec.experiment().fieldNames().forEachRemaining(k -> require(EXPERIMENT_SECTIONS.contains(k),
                    "experiment." + k, "is not allowed here; a search's experiment holds only " + EXPERIMENT_SECTIONS));
            List<String> found = new ArrayList<>();
            resolve(spec, file, Map.of(), found);
            found.forEach(p -> problems.add("experiment." + p));
        }

        private void settings(Settings s) {
            oneOf(s.generator(), GENERATORS, "search.generator");
            oneOf(s.score(), SCORES, "search.score");
            require(s.gridPoints() >= 2, "search.grid_points", "must be >= 2 (the two ends of each range), got " + s.gridPoints());
            if (s.maxCandidates() != null) {
                require(s.maxCandidates() >= 1, "search.max_candidates", "must be >= 1, got " + s.maxCandidates());
            }
            if (s.maxMinutes() != null) {
                require(s.maxMinutes() > 0 && Double.isFinite(s.maxMinutes()), "search.max_minutes", "must be > 0, got " + s.maxMinutes());
            }
            if ("random".equals(s.generator())) {
                require(s.maxCandidates() != null || s.maxMinutes() != null, "search",
                        "a random search needs a budget: max_candidates, max_minutes or both");
            }
            require(s.threads() >= 1 && s.threads() <= 64, "search.threads", "must be 1 to 64, got " + s.threads());
        }

        private void parameter(String key, ParameterSpec p) {
            String where = "parameters." + key;
            require(SEARCHABLE_PREFIXES.stream().anyMatch(key::startsWith), where,
                    "only keys under " + SEARCHABLE_PREFIXES + " can be searched (every candidate shares the data)");
            int forms = (p.values() == null ? 0 : 1) + (p.uniform() == null ? 0 : 1) + (p.logUniform() == null ? 0 : 1)
                    + (p.integers() == null ? 0 : 1);
            if (forms != 1) {
                problems.add(where + ": give exactly one of values, uniform, log_uniform, integers (got " + forms + ")");
                return;
            }
            if (p.scale() != null) {
                oneOf(p.scale(), Set.of("linear", "log"), where + ".scale");
            }
            if (p.values() != null) {
                values(where, p);
            } else if (p.integers() != null) {
                List<Integer> r = p.integers();
                if (range(where + ".integers", r) && r.get(0) < r.get(1)) {
                    candidateValue(key, r.get(0));
                    candidateValue(key, r.get(1));
                } else {
                    problems.add(where + ".integers: must be [lo, hi] with lo < hi, got " + r);
                }
            } else {
                boolean log = p.logUniform() != null;
                List<Double> r = log ? p.logUniform() : p.uniform();
                String rangeKey = where + (log ? ".log_uniform" : ".uniform");
                if (!range(rangeKey, r) || !(r.get(0) < r.get(1)) || (log && !(r.get(0) > 0))) {
                    problems.add(rangeKey + ": must be [lo, hi] with " + (log ? "0 < lo < hi" : "lo < hi") + ", got " + r);
                    return;
                }
                candidateValue(key, r.get(0));
                candidateValue(key, r.get(1));
                realValuesAllowed(key, (r.get(0) + r.get(1)) / 2);
            }
        }

        private void values(String where, ParameterSpec p) {
            List<Object> values = p.values();
            // Arbiter gives a one-value space no coordinate, which breaks its grid; a fixed value belongs in the experiment.
            require(values.size() >= 2, where + ".values", "must list at least two values (put a fixed value in the experiment)");
            require(new HashSet<>(values).size() == values.size(), where + ".values", "lists a value twice: " + values);
            if (p.logScale()) {
                require(values.stream().allMatch(v -> v instanceof Number n && n.doubleValue() > 0), where + ".scale",
                        "log needs every value to be a number > 0, got " + values);
            }
            String key = where.substring("parameters.".length());
            values.forEach(v -> candidateValue(key, v));
        }

        private boolean range(String key, List<?> r) {
            return r.size() == 2 && r.get(0) != null && r.get(1) != null;
        }

        /** The base experiment with this one value must be a valid experiment. */
        private void candidateValue(String key, Object value) {
            List<String> found = new ArrayList<>();
            try {
                resolve(spec, file, Map.of(key, value), found);
            } catch (ReproException e) {
                found.add(e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
            }
            found.forEach(p -> problems.add("parameters." + key + ": value " + value + " makes the experiment invalid: " + p));
        }

        private void realValuesAllowed(String key, double value) {
            JsonNode tree = SpecLoader.applyOverrides(experimentTree(spec), new SettingSpec("candidate", Map.of(key, value)), file);
            try {
                STRICT_NUMBERS.treeToValue(tree, ExperimentSpec.class);
            } catch (JsonProcessingException e) {
                problems.add("parameters." + key + ": a real-valued range on a whole-number key; use integers: [lo, hi] or values");
            }
        }

        private void oneOf(String value, Set<String> allowed, String key) {
            require(value != null && allowed.contains(value), key,
                    (value == null ? "is required" : "unknown value '" + value + "'") + "; expected one of "
                            + new java.util.TreeSet<>(allowed));
        }

        private void require(boolean ok, String key, String reason) {
            if (!ok) {
                problems.add(key + ": " + reason);
            }
        }
    }
}
