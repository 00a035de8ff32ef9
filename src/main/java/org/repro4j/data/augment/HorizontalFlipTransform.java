package org.repro4j.data.augment;

import java.util.SplittableRandom;

import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.repro4j.ReproException;

/**
 * Mirrors an image left to right with probability {@code probability}, independently per record.
 * Features are planar C,H,W in row-major order (CIFAR-10's layout: 3 planes of 32x32), so each
 * row of each channel plane is reversed.
 */
public final class HorizontalFlipTransform extends RandomFeatureTransform {
    private final double probability;
    private final int channels;
    private final int height;
    private final int width;

    @JsonCreator
    public HorizontalFlipTransform(@JsonProperty("probability") double probability,
                                   @JsonProperty("seed") long seed,
                                   @JsonProperty("channels") int channels,
                                   @JsonProperty("height") int height,
                                   @JsonProperty("width") int width) {
        super(seed);
        if (!(probability >= 0 && probability <= 1)) {
            throw new ReproException("HorizontalFlipTransform: flip probability must be in [0, 1], got "
                    + probability + ".");
        }
        if (channels < 1 || height < 1 || width < 1) {
            throw new ReproException("HorizontalFlipTransform: channels, height and width must be >= 1, got "
                    + channels + "x" + height + "x" + width + ".");
        }
        this.probability = probability;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    @Override
    protected boolean changesNext(long numFeatures, SplittableRandom random) {
        if (numFeatures != (long) channels * height * width) {
            throw new ReproException("HorizontalFlipTransform: a record has " + numFeatures
                    + " features but the image shape is " + channels + "x" + height + "x" + width + " = "
                    + channels * height * width + "; set channels/height/width to the data's image shape.");
        }
        return random.nextDouble() < probability;
    }

    @Override
    protected void augment(double[] values, int from, int length, SplittableRandom random) {
        // Channel planes are stacked rows of `width` values, so mirroring every row of the
        // (channels * height) x width matrix mirrors every plane.
        for (int rowStart = from; rowStart < from + length; rowStart += width) {
            for (int left = rowStart, right = rowStart + width - 1; left < right; left++, right--) {
                double swap = values[left];
                values[left] = values[right];
                values[right] = swap;
            }
        }
    }

    @Override
    protected void augment(float[] values, int from, int length, SplittableRandom random) {
        for (int rowStart = from; rowStart < from + length; rowStart += width) {
            for (int left = rowStart, right = rowStart + width - 1; left < right; left++, right--) {
                float swap = values[left];
                values[left] = values[right];
                values[right] = swap;
            }
        }
    }

    public double getProbability() {
        return probability;
    }

    public int getChannels() {
        return channels;
    }

    public int getHeight() {
        return height;
    }

    public int getWidth() {
        return width;
    }

    @Override
    public String toString() {
        return "HorizontalFlipTransform(p=" + probability + ", seed=" + getSeed() + ", " + channels + "x" + height
                + "x" + width + ")";
    }
}
