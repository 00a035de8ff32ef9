package org.repro4j.spec;

import org.repro4j.spec.DerivativesSpec.LayerValues;
import org.repro4j.spec.NetworkSpec.LayerSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks that a {@code derivatives} section fits its network: one value per parameter, a valid target. */
final class DerivativesValidator {
    private DerivativesValidator() {
    }

    static List<String> validate(DerivativesSpec d, NetworkSpec network) {
        List<String> problems = new ArrayList<>();
        if (d == null) {
            problems.add("derivatives: is required for kind 'derivatives'");
            return problems;
        }
        if (network == null) {
            return problems;
        }
        if (d.input().size() != network.inputs()) {
            problems.add("derivatives.input: has " + d.input().size() + " values but network.inputs is " + network.inputs());
        }
        List<LayerSpec> layers = network.layers();
        if (d.layers().size() != layers.size()) {
            problems.add("derivatives.layers: gives " + d.layers().size() + " layers but network.layers has " + layers.size());
            return problems;
        }
        int units = layers.isEmpty() ? 0 : layers.get(layers.size() - 1).units();
        if (d.target() == null || d.target() < 0 || d.target() >= units) {
            problems.add("derivatives.target: must be a class index 0.." + (units - 1) + ", got " + d.target());
        }
        Set<String> names = new HashSet<>();
        int in = network.inputs();
        for (int i = 0; i < layers.size(); i++) {
            LayerValues v = d.layers().get(i);
            String key = "derivatives.layers[" + i + "]";
            int out = layers.get(i).units();
            for (String name : new String[]{v.weightsName(), v.biasName()}) {
                if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                    problems.add(key + ": weights_name and bias_name must be identifiers such as W and b, got " + name);
                } else if (!names.add(name)) {
                    problems.add(key + ": the name '" + name + "' is used twice");
                }
            }
            boolean shapeOk = v.weights().size() == in && v.weights().stream().allMatch(row -> row.size() == out);
            if (!shapeOk) {
                problems.add(key + ".weights: must be " + in + " rows (inputs) of " + out + " values (units)");
            }
            if (v.bias().size() != out) {
                problems.add(key + ".bias: must have " + out + " values (one per unit), got " + v.bias().size());
            }
            in = out;
        }
        return problems;
    }
}
