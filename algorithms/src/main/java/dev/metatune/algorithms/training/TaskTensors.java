package dev.metatune.algorithms.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.metatune.algorithms.backbone.ChannelsLast;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskKind;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * The per-task arrays of the gradient-based few-shot learners over a
 * {@link dev.metatune.algorithms.backbone.FunctionalNetwork} (the same computations as MAML's inner
 * loop): inputs on the device in the network's data type (float32, or float64 for gradient checks),
 * laid out channels-last for images; the task loss (mean cross-entropy through a one-hot mask, or
 * mean squared error) with no Java-number operand on the differentiated path; and correct
 * predictions. Immutable; every array lands in the manager given or the operand's.
 */
public final class TaskTensors {

    private final DataType dataType;
    private final TaskKind kind;

    /** Tensors of {@code dataType} (float32 or float64) for tasks of {@code kind}. */
    public TaskTensors(DataType dataType, TaskKind kind) {
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
            throw new IllegalArgumentException("dataType must be FLOAT32 or FLOAT64, got " + dataType);
        }
        this.dataType = dataType;
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
    }

    public DataType dataType() {
        return dataType;
    }

    public TaskKind kind() {
        return kind;
    }

    /** The examples' inputs as one array in {@code manager} (channels-last for image batches). */
    public NDArray input(NDManager manager, Examples examples) {
        Shape shape = new Shape(examples.batchShape());
        return ChannelsLast.replace(constant(manager, examples.inputs(), shape));
    }

    /** The inputs of the examples at {@code rows}, in that order (an inner minibatch). */
    public NDArray input(NDManager manager, Examples examples, int[] rows) {
        long[] batch = examples.batchShape();
        int per = examples.inputs().length / examples.count();
        float[] all = examples.inputs();
        float[] picked = new float[rows.length * per];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(all, rows[r] * per, picked, r * per, per);
        }
        batch[0] = rows.length;
        return ChannelsLast.replace(constant(manager, picked, new Shape(batch)));
    }

    /**
     * The task loss of {@code output} against the examples' labels or targets: mean cross-entropy
     * for classification, mean squared error for regression. A scalar in the output's manager.
     */
    public NDArray loss(NDArray output, Examples examples) {
        int[] rows = new int[examples.count()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return loss(output, examples, rows);
    }

    /** The task loss of {@code output}, whose row r belongs to example {@code rows[r]}. */
    public NDArray loss(NDArray output, Examples examples, int[] rows) {
        NDManager m = output.getManager();
        int n = rows.length;
        if (kind == TaskKind.CLASSIFICATION) {
            int ways = (int) output.getShape().get(1);
            double[] mask = new double[n * ways];
            int[] labels = examples.labels();
            for (int i = 0; i < n; i++) {
                int label = labels[rows[i]];
                if (label < 0 || label >= ways) {
                    throw new IllegalArgumentException("label " + label + " outside 0.." + (ways - 1));
                }
                mask[i * ways + label] = -1.0 / n;
            }
            return output.logSoftmax(1).mul(constant(m, mask, new Shape(n, ways))).sum();
        }
        float[] t = examples.targets();
        double[] targets = new double[n];
        for (int i = 0; i < n; i++) {
            targets[i] = t[rows[i]];
        }
        return output.reshape(n, 1).sub(constant(m, targets, new Shape(n, 1))).square().mean();
    }

    /** A constant of this data type with {@code values}, in {@code m}. */
    public NDArray constant(NDManager m, double[] values, Shape shape) {
        if (dataType == DataType.FLOAT64) {
            return m.create(DoubleBuffer.wrap(values), shape, DataType.FLOAT64);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return m.create(FloatBuffer.wrap(f), shape, DataType.FLOAT32);
    }

    private NDArray constant(NDManager m, float[] values, Shape shape) {
        if (dataType == DataType.FLOAT32) {
            return m.create(FloatBuffer.wrap(values), shape, DataType.FLOAT32);
        }
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return m.create(DoubleBuffer.wrap(d), shape, DataType.FLOAT64);
    }

    /** A scalar loss read back as a double. */
    public static double value(NDArray scalar) {
        return scalar.getDataType() == DataType.FLOAT64 ? scalar.getDouble() : scalar.getFloat();
    }

    /** Number of correct argmax predictions of {@code logits [n, ways]}. */
    public static int correct(NDArray logits, int[] labels) {
        float[] scores = logits.toType(DataType.FLOAT32, false).toFloatArray();
        int ways = scores.length / labels.length;
        int ok = 0;
        for (int i = 0; i < labels.length; i++) {
            if (argmax(scores, i * ways, ways) == labels[i]) {
                ok++;
            }
        }
        return ok;
    }

    /** Index of the largest of {@code scores[offset .. offset + n)}. */
    public static int argmax(float[] scores, int offset, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (scores[offset + j] > scores[offset + best]) {
                best = j;
            }
        }
        return best;
    }
}
