package dev.metatune.algorithms.mann;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.metatune.algorithms.training.NamedParameter;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An affine map {@code x W + b} with {@code W [inputs, outputs]}, initialised as PyTorch's
 * {@code Linear}: weight and bias uniform in +-1/sqrt(inputs), from the random source given. The
 * parameters (float32, or float64 for gradient checks) live under the manager passed in (the learner's); results land in {@code x}'s manager.
 */
final class Dense {

    private final NDArray weight;
    private final NDArray bias;
    private final List<NamedParameter> parameters;

    Dense(NDManager manager, String prefix, int inputs, int outputs, SplittableRandom random, DataType dataType) {
        float bound = (float) (1.0 / Math.sqrt(inputs));
        this.weight = trainable(manager, random, new Shape(inputs, outputs), bound, dataType);
        this.bias = trainable(manager, random, new Shape(outputs), bound, dataType);
        this.parameters = List.of(new NamedParameter(prefix + "weight", weight), new NamedParameter(prefix + "bias", bias));
    }

    private static NDArray trainable(NDManager manager, SplittableRandom random, Shape shape, float bound,
                                     DataType dataType) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        NDArray a;
        if (dataType == DataType.FLOAT64) {
            double[] wide = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                wide[i] = v[i];
            }
            a = manager.create(wide, shape);
        } else {
            a = manager.create(v, shape);
        }
        a.setRequiresGradient(true);
        return a;
    }

    /** {@code x [b, inputs]} -> {@code [b, outputs]}. */
    NDArray forward(NDArray x) {
        return x.matMul(weight).add(bias);
    }

    List<NamedParameter> parameters() {
        return parameters;
    }
}
