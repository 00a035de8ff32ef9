package org.repro4j.data;

/**
 * The channels x height x width layout of a flattened image row: CIFAR-10 rows are three 32x32
 * colour planes (R, G, B), MNIST rows one 28x28 plane.
 */
public record ImageShape(int channels, int height, int width) {
    public static ImageShape ofInputs(int inputs) {
        if (inputs == 3 * 32 * 32) {
            return new ImageShape(3, 32, 32);
        }
        int side = (int) Math.round(Math.sqrt(inputs));
        if (side * side != inputs) {
            throw new IllegalArgumentException(inputs + " inputs are not a square image");
        }
        return new ImageShape(1, side, side);
    }

    public boolean isColour() {
        return channels == 3;
    }
}
