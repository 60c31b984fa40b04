package dev.metatune.algorithms.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import dev.metatune.algorithms.backbone.ChannelsLast;
import dev.metatune.learner.LearnerState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Conv-4 embedding of Prototypical Networks (Snell et al. 2017), also the backbone of the
 * transfer baselines of Chen et al. 2019 ("A Closer Look at Few-shot Classification"): four blocks
 * of [3x3 convolution with {@code filters} filters, padding 1, with bias; BatchNorm; ReLU; 2x2
 * max-pool], then flattening; 28x28 gives 28 -> 14 -> 7 -> 3 -> 1, so {@code filters} features.
 *
 * <p>The pool is applied before the ReLU: the two commute (ReLU is monotone, and both give zero
 * gradient where the window's maximum is not positive), so outputs and gradients are those of
 * conv-BN-ReLU-pool, with less memory traffic.
 *
 * <p>BatchNorm normalises with the statistics of the current batch in training and updates running
 * statistics with momentum 0.1 (PyTorch's convention, eps 1e-5); in evaluation it uses the running
 * statistics, as PyTorch's {@code BatchNorm2d} in eval mode.
 *
 * <p>Weights are initialised from {@code seed} alone, following PyTorch's default for
 * {@code Conv2d}: weight and bias uniform in +-1/sqrt(fan_in), fan_in = in_channels x 9; BatchNorm
 * gamma 1, beta 0, running mean 0, running variance 1. The parameters live in a sub-manager of the
 * manager passed in, on its device; {@link #close()} frees them.
 */
public final class Conv4Embedding implements AutoCloseable {

    /** Number of conv blocks. */
    public static final int BLOCKS = 4;
    private static final float BN_EPS = 1e-5f;
    /** DJL's momentum convention (weight of the old running value): PyTorch's momentum 0.1. */
    private static final float DJL_BN_MOMENTUM = 0.9f;
    private static final Shape KERNEL_2 = new Shape(2, 2);
    private static final Shape UNIT = new Shape(1, 1);
    private static final Shape NO_PAD = new Shape(0, 0);

    private final NDManager manager;
    private final int inChannels;
    private final int filters;
    private final int height;
    private final int width;
    private final NDArray[] convWeight = new NDArray[BLOCKS];
    private final NDArray[] convBias = new NDArray[BLOCKS];
    private final NDArray[] gamma = new NDArray[BLOCKS];
    private final NDArray[] beta = new NDArray[BLOCKS];
    private final NDArray[] runningMean = new NDArray[BLOCKS];
    private final NDArray[] runningVar = new NDArray[BLOCKS];
    private final List<NamedParameter> trainable;

    /**
     * @param parent     the manager whose device and lifetime the parameters take (a sub-manager is used)
     * @param inChannels channels of the input images (1 for Omniglot, 3 for mini-ImageNet)
     * @param height     input height (at least 16: four halvings must leave one pixel)
     * @param width      input width (at least 16)
     * @param filters    filters of every conv layer (64 in Snell et al.)
     * @param random     the source of the initial weights (consumed here)
     */
    public Conv4Embedding(NDManager parent, int inChannels, int height, int width, int filters, SplittableRandom random) {
        if (inChannels < 1) {
            throw new IllegalArgumentException("inChannels must be at least 1, got " + inChannels);
        }
        if (height < 16 || width < 16) {
            throw new IllegalArgumentException("image size must be at least 16x16 for four 2x2 max-pools, got "
                    + height + "x" + width);
        }
        if (filters < 1) {
            throw new IllegalArgumentException("filters must be at least 1, got " + filters);
        }
        this.manager = parent.newSubManager();
        this.inChannels = inChannels;
        this.filters = filters;
        this.height = height;
        this.width = width;
        List<NamedParameter> params = new ArrayList<>();
        int cin = inChannels;
        for (int i = 0; i < BLOCKS; i++) {
            int fanIn = cin * 9;
            float bound = (float) (1.0 / Math.sqrt(fanIn));
            convWeight[i] = trainableArray(uniform(random, filters * fanIn, bound), new Shape(filters, cin, 3, 3));
            convBias[i] = trainableArray(uniform(random, filters, bound), new Shape(filters));
            gamma[i] = trainableArray(filled(filters, 1f), new Shape(filters));
            beta[i] = trainableArray(filled(filters, 0f), new Shape(filters));
            runningMean[i] = manager.create(filled(filters, 0f), new Shape(filters));
            runningVar[i] = manager.create(filled(filters, 1f), new Shape(filters));
            String block = "block" + i + ".";
            params.add(new NamedParameter(block + "conv.weight", convWeight[i]));
            params.add(new NamedParameter(block + "conv.bias", convBias[i]));
            params.add(new NamedParameter(block + "bn.gamma", gamma[i]));
            params.add(new NamedParameter(block + "bn.beta", beta[i]));
            cin = filters;
        }
        this.trainable = Collections.unmodifiableList(params);
    }

    /** An embedding for examples of shape {@code {channels, height, width}}, e.g. {@code LearnerContext.exampleShape()}. */
    public static Conv4Embedding forExampleShape(NDManager parent, int[] exampleShape, int filters,
                                                 SplittableRandom random) {
        if (exampleShape.length != 3) {
            throw new IllegalArgumentException("Conv-4 needs examples of shape {channels, height, width}, got "
                    + java.util.Arrays.toString(exampleShape));
        }
        return new Conv4Embedding(parent, exampleShape[0], exampleShape[1], exampleShape[2], filters, random);
    }

    private NDArray trainableArray(float[] values, Shape shape) {
        NDArray a = ChannelsLast.replace(manager.create(values, shape));
        a.setRequiresGradient(true);
        return a;
    }

    static float[] uniform(SplittableRandom random, int n, float bound) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return v;
    }

    private static float[] filled(int n, float value) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, value);
        return v;
    }

    /**
     * Embeds a batch {@code [n, channels, height, width]}; returns {@code [n, outputSize()]}. The
     * batch is copied channels-last first, as the convolution weights are ({@link ChannelsLast}).
     * Results land in {@code x}'s manager. With {@code training} BatchNorm uses batch statistics and
     * updates its running statistics; otherwise it uses the running statistics.
     */
    public NDArray forward(NDArray x, boolean training) {
        // channels-last input and weights: every convolution, BatchNorm and pool runs in NHWC
        NDArray h = ChannelsLast.layout(x);
        for (int i = 0; i < BLOCKS; i++) {
            h = Conv2d.conv2d(h, convWeight[i], convBias[i], UNIT, UNIT, UNIT, 1).singletonOrThrow();
            h = BatchNorm.batchNorm(h, runningMean[i], runningVar[i], gamma[i], beta[i], 1, DJL_BN_MOMENTUM, BN_EPS,
                    training).singletonOrThrow();
            // max-pool before ReLU: max and ReLU commute (ReLU is monotone), values and gradients are
            // identical, and ReLU then touches a quarter of the values
            h = Pool.maxPool2d(h, KERNEL_2, KERNEL_2, NO_PAD, false);
            h = Activation.relu(h);
        }
        return h.reshape(h.getShape().get(0), -1);
    }

    /** Features per example: filters x (height/16) x (width/16), each halving rounding down. */
    public int outputSize() {
        int h = height;
        int w = width;
        for (int i = 0; i < BLOCKS; i++) {
            h /= 2;
            w /= 2;
        }
        return filters * h * w;
    }

    /** The trainable parameters (conv weights and biases, BatchNorm gamma and beta), in a fixed order. */
    public List<NamedParameter> parameters() {
        return trainable;
    }

    /** Number of trainable scalars (111,936 for 1 channel and 64 filters, as the PyTorch peer). */
    public long parameterCount() {
        long n = 0;
        for (NamedParameter p : trainable) {
            n += p.array().size();
        }
        return n;
    }

    /** A copy of the running statistics (means then variances, block by block), for tests and checks. */
    public float[][] runningStatistics() {
        float[][] out = new float[2 * BLOCKS][];
        for (int i = 0; i < BLOCKS; i++) {
            out[i] = runningMean[i].toFloatArray();
            out[BLOCKS + i] = runningVar[i].toFloatArray();
        }
        return out;
    }

    /**
     * Adds the parameters (by their names, with {@code prefix}) and the BatchNorm running statistics
     * ({@code <prefix>block<i>.bn.running_mean} and {@code running_var}) to {@code state}.
     */
    public void save(String prefix, LearnerState.Builder state) {
        for (NamedParameter p : trainable) {
            state.tensor(StateArrays.save(prefix + p.name(), p.array()));
        }
        for (int i = 0; i < BLOCKS; i++) {
            state.tensor(StateArrays.save(prefix + "block" + i + ".bn.running_mean", runningMean[i]));
            state.tensor(StateArrays.save(prefix + "block" + i + ".bn.running_var", runningVar[i]));
        }
    }

    /** Expects what {@link #save} wrote with {@code prefix}; returns how many tensors. */
    public int expect(String prefix, StateArrays restore) {
        for (NamedParameter p : trainable) {
            restore.expect(prefix + p.name(), p.array());
        }
        for (int i = 0; i < BLOCKS; i++) {
            restore.expect(prefix + "block" + i + ".bn.running_mean", runningMean[i]);
            restore.expect(prefix + "block" + i + ".bn.running_var", runningVar[i]);
        }
        return trainable.size() + 2 * BLOCKS;
    }

    public int inChannels() {
        return inChannels;
    }

    @Override
    public void close() {
        manager.close();
    }
}
