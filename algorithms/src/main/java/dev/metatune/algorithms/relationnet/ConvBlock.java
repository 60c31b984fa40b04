package dev.metatune.algorithms.relationnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import dev.metatune.algorithms.training.NamedParameter;
import dev.metatune.algorithms.training.StateArrays;
import dev.metatune.learner.LearnerState;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One block of the Relation Network's modules (Sung et al. 2018, Figure 2): 3x3 convolution with
 * {@code padding} (0 or 1), BatchNorm, ReLU, and optionally a 2x2 max-pool (floor). Weights as the
 * authors' code initialises them: convolution weights normal with standard deviation
 * sqrt(2 / (9 x out_channels)), bias 0; BatchNorm gamma 1, beta 0, running mean 0, variance 1,
 * momentum 0.1 (PyTorch's), eps 1e-5. NCHW layout.
 */
final class ConvBlock {

    private static final float BN_EPS = 1e-5f;
    private static final float DJL_BN_MOMENTUM = 0.9f;
    private static final Shape UNIT = new Shape(1, 1);
    private static final Shape KERNEL_2 = new Shape(2, 2);
    private static final Shape NO_PAD = new Shape(0, 0);

    private final String name;
    private final int padding;
    private final boolean pool;
    private final NDArray weight;
    private final NDArray bias;
    private final NDArray gamma;
    private final NDArray beta;
    private final NDArray runningMean;
    private final NDArray runningVar;
    private final List<NamedParameter> parameters;

    ConvBlock(NDManager manager, String name, int inChannels, int outChannels, int padding, boolean pool,
              SplittableRandom random) {
        this.name = name;
        this.padding = padding;
        this.pool = pool;
        double std = Math.sqrt(2.0 / (9.0 * outChannels));
        this.weight = trainable(manager, Gaussian.values(random, outChannels * inChannels * 9, std),
                new Shape(outChannels, inChannels, 3, 3));
        this.bias = trainable(manager, new float[outChannels], new Shape(outChannels));
        float[] ones = new float[outChannels];
        java.util.Arrays.fill(ones, 1f);
        this.gamma = trainable(manager, ones, new Shape(outChannels));
        this.beta = trainable(manager, new float[outChannels], new Shape(outChannels));
        this.runningMean = manager.create(new float[outChannels], new Shape(outChannels));
        this.runningVar = manager.create(ones, new Shape(outChannels));
        this.parameters = List.of(new NamedParameter(name + "conv.weight", weight),
                new NamedParameter(name + "conv.bias", bias), new NamedParameter(name + "bn.gamma", gamma),
                new NamedParameter(name + "bn.beta", beta));
    }

    static NDArray trainable(NDManager manager, float[] values, Shape shape) {
        NDArray a = manager.create(values, shape);
        a.setRequiresGradient(true);
        return a;
    }

    /** {@code x [n, in, h, w]} -> {@code [n, out, h', w']}; BatchNorm with batch statistics when {@code training}. */
    NDArray forward(NDArray x, boolean training) {
        Shape pad = new Shape(padding, padding);
        NDArray h = Conv2d.conv2d(x, weight, bias, UNIT, pad, UNIT, 1).singletonOrThrow();
        h = BatchNorm.batchNorm(h, runningMean, runningVar, gamma, beta, 1, DJL_BN_MOMENTUM, BN_EPS, training)
                .singletonOrThrow();
        h = Activation.relu(h);
        return pool ? Pool.maxPool2d(h, KERNEL_2, KERNEL_2, NO_PAD, false) : h;
    }

    /** Output side length for an input side of {@code size}. */
    int outputSize(int size) {
        int s = size + 2 * padding - 2;
        return pool ? s / 2 : s;
    }

    List<NamedParameter> parameters() {
        return parameters;
    }

    void save(LearnerState.Builder state) {
        for (NamedParameter p : parameters) {
            state.tensor(StateArrays.save(p.name(), p.array()));
        }
        state.tensor(StateArrays.save(name + "bn.running_mean", runningMean));
        state.tensor(StateArrays.save(name + "bn.running_var", runningVar));
    }

    int expect(StateArrays restore) {
        for (NamedParameter p : parameters) {
            restore.expect(p.name(), p.array());
        }
        restore.expect(name + "bn.running_mean", runningMean);
        restore.expect(name + "bn.running_var", runningVar);
        return parameters.size() + 2;
    }
}
