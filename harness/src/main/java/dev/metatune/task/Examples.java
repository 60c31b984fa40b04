package dev.metatune.task;

import java.util.Arrays;

/**
 * A set of examples in one flat, row-major float array: {@code count} examples, each of shape
 * {@code exampleShape} (for images channels x height x width). Classification examples carry
 * {@code labels} (0..ways-1), regression examples carry {@code targets}; the other is null.
 * Arrays are owned by this record: callers must not mutate them.
 */
public record Examples(float[] inputs, int[] exampleShape, int count, int[] labels, float[] targets) {

    public Examples {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        int perExample = 1;
        for (int d : exampleShape) {
            if (d < 1) {
                throw new IllegalArgumentException("exampleShape must be positive, got " + Arrays.toString(exampleShape));
            }
            perExample *= d;
        }
        if (inputs.length != (long) perExample * count) {
            throw new IllegalArgumentException("inputs has " + inputs.length + " values, expected " + count + " x "
                    + Arrays.toString(exampleShape) + " = " + (long) perExample * count);
        }
        if ((labels == null) == (targets == null)) {
            throw new IllegalArgumentException("exactly one of labels and targets must be given");
        }
        if (labels != null && labels.length != count) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries, expected " + count);
        }
        if (targets != null && targets.length != count) {
            throw new IllegalArgumentException("targets has " + targets.length + " entries, expected " + count);
        }
    }

    /** Classification examples. */
    public static Examples classified(float[] inputs, int[] exampleShape, int[] labels) {
        return new Examples(inputs, exampleShape, labels.length, labels, null);
    }

    /** Regression examples. */
    public static Examples regression(float[] inputs, int[] exampleShape, float[] targets) {
        return new Examples(inputs, exampleShape, targets.length, null, targets);
    }

    /** Values in one example. */
    public int valuesPerExample() {
        int n = 1;
        for (int d : exampleShape) {
            n *= d;
        }
        return n;
    }

    /** Shape of the whole batch: count followed by the example shape, as DJL wants it. */
    public long[] batchShape() {
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = count;
        for (int i = 0; i < exampleShape.length; i++) {
            shape[i + 1] = exampleShape[i];
        }
        return shape;
    }

    public TaskKind kind() {
        return labels != null ? TaskKind.CLASSIFICATION : TaskKind.REGRESSION;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Examples e && count == e.count && Arrays.equals(inputs, e.inputs)
                && Arrays.equals(exampleShape, e.exampleShape) && Arrays.equals(labels, e.labels)
                && Arrays.equals(targets, e.targets);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(inputs) + Arrays.hashCode(labels)) + Arrays.hashCode(targets);
    }

    @Override
    public String toString() {
        return "Examples[" + count + " x " + Arrays.toString(exampleShape) + ", " + kind() + "]";
    }
}
