package org.repro4j.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.repro4j.ReproException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a data protocol needs besides its name.
 *
 * @param dataDir the data folder; null means {@link DataDir#resolve()}
 * @param dtype   the floating-point type of features and labels (FLOAT or DOUBLE)
 * @param digits  for {@code mnist-tdt} only: two distinct MNIST digits to keep, the first becoming label
 *                1.0 and the second 0.0; null keeps all ten classes
 * @param seed    for generated data ({@code synthetic-ellipse}); the file-based protocols ignore it
 */
public record ProtocolOptions(Path dataDir, DataType dtype, int[] digits, long seed) {

    public ProtocolOptions {
        dataDir = dataDir == null ? DataDir.resolve() : dataDir;
        Objects.requireNonNull(dtype, "dtype");
        if (!dtype.isFPType()) {
            throw new ReproException("Data type " + dtype + " cannot hold scaled pixel values. Fix: use FLOAT or DOUBLE.");
        }
        if (digits != null) {
            digits = digits.clone();
            if (digits.length != 2 || digits[0] == digits[1]
                    || Arrays.stream(digits).anyMatch(d -> d < 0 || d > 9)) {
                throw new ReproException("digits " + Arrays.toString(digits) + " is not a pair of distinct MNIST digits. "
                        + "Fix: give two different digits 0..9, e.g. [2, 3] (the first is the positive class), "
                        + "or none for all ten classes.");
            }
        }
    }

    /** All ten classes, seed 0. */
    public ProtocolOptions(Path dataDir, DataType dtype) {
        this(dataDir, dtype, null, 0L);
    }

    /** A copy of the digits, or null. */
    @Override
    public int[] digits() {
        return digits == null ? null : digits.clone();
    }

    /** Refuses digits for a protocol that does not pick digits; {@code what} completes "... all ten classes". */
    void requireNoDigits(String what) {
        if (digits != null) {
            throw new ReproException("digits " + Arrays.toString(digits) + " were given, but " + what
                    + " all ten classes. Fix: drop digits, or use protocol mnist-tdt.");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProtocolOptions o && dataDir.equals(o.dataDir) && dtype == o.dtype
                && Arrays.equals(digits, o.digits) && seed == o.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataDir, dtype, Arrays.hashCode(digits), seed);
    }

    @Override
    public String toString() {
        return "ProtocolOptions[dataDir=" + dataDir + ", dtype=" + dtype + ", digits=" + Arrays.toString(digits)
                + ", seed=" + seed + "]";
    }
}
