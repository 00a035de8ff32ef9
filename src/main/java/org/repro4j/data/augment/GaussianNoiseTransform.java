package org.repro4j.data.augment;

import java.util.SplittableRandom;

import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.repro4j.ReproException;

/** Adds independent N(0, std^2) noise to every feature (in pixel units, before z-scoring). */
public final class GaussianNoiseTransform extends RandomFeatureTransform {
    private final double std;

    @JsonCreator
    public GaussianNoiseTransform(@JsonProperty("std") double std, @JsonProperty("seed") long seed) {
        super(seed);
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new ReproException("GaussianNoiseTransform: noise standard deviation must be finite and >= 0, got "
                    + std + ".");
        }
        this.std = std;
    }

    @Override
    protected void augment(double[] values, int from, int length, SplittableRandom random) {
        for (int i = from; i < from + length; i++) {
            values[i] += std * random.nextGaussian();
        }
    }

    @Override
    protected void augment(float[] values, int from, int length, SplittableRandom random) {
        for (int i = from; i < from + length; i++) {
            values[i] = (float) (values[i] + std * random.nextGaussian());
        }
    }

    public double getStd() {
        return std;
    }

    @Override
    public String toString() {
        return "GaussianNoiseTransform(std=" + std + ", seed=" + getSeed() + ")";
    }
}
