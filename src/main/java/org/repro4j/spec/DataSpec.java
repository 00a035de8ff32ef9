package org.repro4j.spec;

import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;

/**
 * The data protocol an experiment trains and measures on.
 *
 * @param protocol a name from {@code org.repro4j.data.Protocols} (e.g. {@code cifar-b1})
 * @param digits   optional MNIST digit filter; two digits make a binary task (first = class 1)
 * @param dtype    {@code float} (default) or {@code double}
 * @param seed     seed of generated data (the synthetic protocol); 0 by default
 */
public record DataSpec(Protocol protocol, List<Integer> digits, String dtype, Long seed) implements java.io.Serializable {
    public DataSpec {
        digits = digits == null ? null : List.copyOf(digits);
        dtype = dtype == null ? "float" : dtype;
        seed = seed == null ? 0L : seed;
    }

    public DataType dataType() {
        return "double".equals(dtype) ? DataType.DOUBLE : DataType.FLOAT;
    }
}
