package org.repro4j.search;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.repro4j.spec.SearchSpec.ParameterSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search space of a search spec as an Arbiter {@link ParameterSpace}: one Arbiter leaf space
 * per dotted experiment key, and a candidate's value is the map from those keys to the values the
 * leaves give. Arbiter's generators number the leaves (in the order of the spec) and hand each
 * its coordinate of the candidate's point in [0, 1]^n, so grid and random search work unchanged.
 *
 * <p>We search experiment-spec keys rather than an Arbiter {@code MultiLayerSpace} so that
 * everything a spec can say (batch size, epochs, the L2 convention, our own losses and schedules)
 * can be searched, and each candidate is built by the same {@code NetworkFactory} as the experiments.
 */
final class SpecParameterSpace implements ParameterSpace<Map<String, Object>> {
    private final Map<String, ParameterSpace<?>> leaves;

    private SpecParameterSpace(Map<String, ParameterSpace<?>> leaves) {
        this.leaves = Collections.unmodifiableMap(leaves);
    }

    static SpecParameterSpace of(Map<String, ParameterSpec> parameters) {
        Map<String, ParameterSpace<?>> leaves = new LinkedHashMap<>();
        parameters.forEach((key, p) -> leaves.put(key, leaf(p)));
        return new SpecParameterSpace(leaves);
    }

    /** The Arbiter space for one parameter; the spec loader has checked that exactly one form is given. */
    static ParameterSpace<?> leaf(ParameterSpec p) {
        if (p.values() != null) {
            return new DiscreteParameterSpace<>(p.values());
        }
        if (p.integers() != null) {
            return new IntegerParameterSpace(p.integers().get(0), p.integers().get(1));
        }
        if (p.logUniform() != null) {
            return new ContinuousParameterSpace(new LogUniformDistribution(p.logUniform().get(0), p.logUniform().get(1)));
        }
        return new ContinuousParameterSpace(p.uniform().get(0), p.uniform().get(1));
    }

    /** The dotted keys, in the spec's order. */
    List<String> keys() {
        return List.copyOf(leaves.keySet());
    }

    @Override
    public Map<String, Object> getValue(double[] parameterValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        leaves.forEach((key, leaf) -> values.put(key, leaf.getValue(parameterValues)));
        return values;
    }

    @Override
    public int numParameters() {
        return leaves.values().stream().mapToInt(ParameterSpace::numParameters).sum();
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        return new ArrayList<>(leaves.values());
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        return new LinkedHashMap<>(leaves);
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("Arbiter numbers the leaves of a SpecParameterSpace, not the space itself");
    }
}
