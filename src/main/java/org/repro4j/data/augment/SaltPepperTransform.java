package org.repro4j.data.augment;

import java.util.SplittableRandom;

import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.repro4j.ReproException;

/**
 * Salt-and-pepper noise: each feature independently becomes 1 (salt) with probability
 * {@code fraction / 2} and 0 (pepper) with probability {@code fraction / 2}, so on average a
 * {@code fraction} of the features is replaced, half each way.
 *
 * <p>Per value rather than per pixel (all channels of a pixel together): the DD2424 code works
 * on the flattened 3072-vector without knowing its channel layout, and the common reference
 * implementation, scikit-image's {@code random_noise(mode="s&p")}, also draws one mask entry per
 * array element. On one-channel MNIST the two readings coincide. A per-value draw makes a
 * coloured speck on CIFAR (one channel flipped) rather than a black or white pixel.
 */
public final class SaltPepperTransform extends RandomFeatureTransform {
    private final double fraction;

    @JsonCreator
    public SaltPepperTransform(@JsonProperty("fraction") double fraction, @JsonProperty("seed") long seed) {
        super(seed);
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new ReproException("SaltPepperTransform: the fraction of features to replace must be in [0, 1], got "
                    + fraction + ".");
        }
        this.fraction = fraction;
    }

    @Override
    protected void augment(double[] values, int from, int length, SplittableRandom random) {
        for (int i = from; i < from + length; i++) {
            int hit = nextHit(random);
            if (hit != KEEP) {
                values[i] = hit;
            }
        }
    }

    @Override
    protected void augment(float[] values, int from, int length, SplittableRandom random) {
        for (int i = from; i < from + length; i++) {
            int hit = nextHit(random);
            if (hit != KEEP) {
                values[i] = hit;
            }
        }
    }

    private static final int KEEP = -1;

    /** The next value's fate from one uniform draw, for float and double values alike: 1 (salt), 0 (pepper) or {@link #KEEP}. */
    private int nextHit(SplittableRandom random) {
        double u = random.nextDouble();
        return u < fraction / 2 ? 1 : u < fraction ? 0 : KEEP;
    }

    public double getFraction() {
        return fraction;
    }

    @Override
    public String toString() {
        return "SaltPepperTransform(fraction=" + fraction + ", seed=" + getSeed() + ")";
    }
}
