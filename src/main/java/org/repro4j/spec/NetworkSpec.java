package org.repro4j.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A feed-forward network: input size, weight initialisation and the layers in order.
 * Biases always start at {@code biasInit} (0 in every report).
 */
public record NetworkSpec(
        int inputs,
        @JsonProperty("weight_init") InitSpec weightInit,
        @JsonProperty("bias_init") Double biasInit,
        List<LayerSpec> layers) implements java.io.Serializable {

    public NetworkSpec {
        biasInit = biasInit == null ? 0.0 : biasInit;
        layers = layers == null ? List.of() : List.copyOf(layers);
    }

    /** Multiply-adds of one example's forward pass: the weights of every layer. */
    public double forwardMultiplyAdds() {
        double macs = 0;
        int in = inputs;
        for (LayerSpec layer : layers) {
            macs += (double) in * layer.units();
            in = layer.units();
        }
        return macs;
    }

    /** @param distribution {@code normal} (mean 0, {@code std}), {@code zeros}, {@code xavier} */
    public record InitSpec(Init distribution, Double std) implements java.io.Serializable {
    }

    /**
     * @param type       {@code dense} (hidden) or {@code output} (last layer, has a loss)
     * @param activation {@code identity}, {@code sigmoid}, {@code softmax}, {@code relu}, {@code tanh}
     * @param loss       output layers only: {@code mcxent}, {@code xent}, {@code mbce}, {@code svm}, {@code mse}
     */
    public record LayerSpec(LayerType type, int units, Activation activation, Loss loss) implements java.io.Serializable {
    }
}
