package dev.metatune.learner;

import java.util.Arrays;
import java.util.Objects;

/**
 * One named float32 array of a learner's training state, as plain host values in row-major order
 * of its logical shape (whatever memory layout the learner keeps it in), so that it can be written
 * anywhere and restored on any device.
 *
 * @param name   stable name, unique within a {@link LearnerState}, e.g. {@code block0.conv.weight}
 *               or {@code adam.m.block0.conv.weight}
 * @param shape  logical shape (an empty shape is a scalar)
 * @param values {@code product(shape)} values
 */
public record StateTensor(String name, long[] shape, float[] values) {

    public StateTensor {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a state tensor needs a name, got '" + name + "'");
        }
        shape = shape.clone();
        long size = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("state tensor '" + name + "' has a negative dimension: "
                        + Arrays.toString(shape));
            }
            size *= d;
        }
        if (values.length != size) {
            throw new IllegalArgumentException("state tensor '" + name + "' of shape " + Arrays.toString(shape) + " needs "
                    + size + " values, got " + values.length);
        }
        values = values.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /** Number of values. */
    public int size() {
        return values.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateTensor t && name.equals(t.name) && Arrays.equals(shape, t.shape)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
