package dev.metatune.algorithms.backbone;

import java.util.Arrays;
import java.util.Objects;

/**
 * One named parameter tensor of a {@link FunctionalNetwork}: its shape and how it is initialised.
 *
 * @param name  e.g. {@code conv1.weight}
 * @param shape the tensor's shape
 * @param init  how {@link ParameterInit} fills it
 */
public record ParameterSpec(String name, long[] shape, Init init) {

    /** Initialisation rules, as in the PyTorch reference (Finn et al. 2017's functional Conv-4). */
    public enum Init {
        /** Glorot and Bengio 2010: U(-b, b), b = sqrt(6 / (fanIn + fanOut)), fans over the receptive field. */
        XAVIER_UNIFORM,
        /** All zeros (biases, BatchNorm beta). */
        ZEROS,
        /** All ones (BatchNorm gamma). */
        ONES
    }

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(init, "init");
        shape = shape.clone();
        for (long d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("parameter '" + name + "' has a non-positive dimension: "
                        + Arrays.toString(shape));
            }
        }
        if (init == Init.XAVIER_UNIFORM && shape.length < 2) {
            throw new IllegalArgumentException("parameter '" + name + "': Xavier initialisation needs at least 2 dimensions, got "
                    + Arrays.toString(shape));
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of scalars. */
    public long size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSpec p && name.equals(p.name) && Arrays.equals(shape, p.shape) && init == p.init;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), init);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
