package org.repro4j.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hyperparameter search: the experiment every candidate trains, the parameters to vary and how,
 * the budget, and what "best" means (a score on the validation split). Bound from
 * {@code experiments/search/<name>.yaml}; see {@link SearchSpecLoader} for validation and
 * {@code experiments/search/README.md} for the keys.
 *
 * @param experiment the {@code data}, {@code network} and {@code training} sections every candidate
 *                   starts from, with the keys of an experiment spec
 * @param seed       weight initialisation and shuffling seed, the same for every candidate
 * @param parameters dotted experiment keys (e.g. {@code training.learning_rate}) to the space searched
 */
public record SearchSpec(
        String name,
        String title,
        String report,
        String reproduces,
        String description,
        ObjectNode experiment,
        Long seed,
        Settings search,
        Map<String, ParameterSpec> parameters,
        List<String> deviations,
        ReferenceSpec reference) {

    public SearchSpec {
        seed = seed == null ? 1L : seed;
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        deviations = deviations == null ? List.of() : List.copyOf(deviations);
        reference = reference == null ? ReferenceSpec.NONE : reference;
    }

    /**
     * How candidates are generated and when the search stops.
     *
     * @param generator     {@code grid} (every combination) or {@code random}
     * @param gridPoints    grid only: how many values a continuous or integer range is cut into
     *                      (Arbiter's discretisation count; a log-uniform range gets log-spaced points)
     * @param maxCandidates stop after this many candidates (a grid stops at its size anyway)
     * @param maxMinutes    start no candidate after this much wall time (counted across resumed sessions)
     * @param threads       candidates trained at once
     * @param score         {@code val_acc} (higher is better), {@code val_loss} or {@code val_cost} (lower is better)
     * @param testBest      evaluate the chosen candidate once on the test split
     */
    public record Settings(String generator,
                           @JsonProperty("grid_points") Integer gridPoints,
                           @JsonProperty("max_candidates") Integer maxCandidates,
                           @JsonProperty("max_minutes") Double maxMinutes,
                           Integer threads,
                           String score,
                           @JsonProperty("test_best") Boolean testBest) {
        public Settings {
            gridPoints = gridPoints == null ? 3 : gridPoints;
            threads = threads == null ? 1 : threads;
            score = score == null ? "val_acc" : score;
            testBest = testBest != null && testBest;
        }

        /** Whether a lower score is better. */
        public boolean minimize() {
            return !"val_acc".equals(score);
        }
    }

    /**
     * One parameter's space; exactly one of the four forms is given.
     *
     * @param values     a fixed list (Arbiter {@code DiscreteParameterSpace}); {@code scale: log} plots it on a log axis
     * @param uniform    {@code [lo, hi]}, real numbers spread evenly ({@code ContinuousParameterSpace})
     * @param logUniform {@code [lo, hi]} with {@code 0 < lo}, spread evenly in log(x) ({@code LogUniformDistribution})
     * @param integers   {@code [lo, hi]}, whole numbers ({@code IntegerParameterSpace})
     * @param scale      {@code linear} (default) or {@code log}, the axis of this parameter's plot
     */
    public record ParameterSpec(List<Object> values, List<Double> uniform,
                                @JsonProperty("log_uniform") List<Double> logUniform,
                                List<Integer> integers, String scale) {

        /** Whether plots use a log axis: log-uniform ranges always, value lists when asked. */
        public boolean logScale() {
            return logUniform != null || "log".equals(scale);
        }
    }
}
