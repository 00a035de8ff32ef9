package org.repro4j.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One forward and backward pass through a network whose parameters are given by hand, to check
 * derivatives worked out on paper (the VU assignment's question 3).
 *
 * @param input  the example's features
 * @param target the index of its class (one-hot over the output units)
 * @param layers the parameters of each layer, in order
 */
public record DerivativesSpec(List<Double> input, Integer target, List<LayerValues> layers) {
    public DerivativesSpec {
        input = input == null ? List.of() : List.copyOf(input);
        layers = layers == null ? List.of() : List.copyOf(layers);
    }

    /**
     * One layer's parameters, named as in the derivation.
     *
     * @param weights the weight matrix in DL4J's layout, one row per input and one column per unit,
     *                so {@code weights[i][j]} connects input i to unit j
     */
    public record LayerValues(@JsonProperty("weights_name") String weightsName, List<List<Double>> weights,
                              @JsonProperty("bias_name") String biasName, List<Double> bias) {
        public LayerValues {
            weights = weights == null ? List.of() : weights.stream().map(List::copyOf).toList();
            bias = bias == null ? List.of() : List.copyOf(bias);
        }
    }
}
