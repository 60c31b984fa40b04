package dev.metatune.algorithms.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * The Conv-4 backbone of few-shot learning, as a {@link FunctionalNetwork}: four blocks of
 * [3x3 convolution with bias, BatchNorm with learnable gamma and beta, ReLU], in one of two
 * published variants:
 * <ul>
 *   <li>{@link Variant#STRIDED}: Finn, Abbeel and Levine 2017 (MAML), convolutions with stride 2 and
 *   padding 1, no pooling (28 -> 14 -> 7 -> 4 -> 2); features are the mean over the remaining
 *   positions ({@code filters} values).</li>
 *   <li>{@link Variant#POOLED}: Snell, Swersky and Zemel 2017 (Prototypical Networks) and Finn et al.'s
 *   mini-ImageNet network, stride 1 and padding 1 followed by 2x2 max-pooling (28 -> 14 -> 7 -> 3 -> 1,
 *   84 -> 42 -> 21 -> 10 -> 5); features are the flattened map ({@code filters * h * w} values).</li>
 * </ul>
 * With {@code outputs > 0} a linear head maps the features to {@code outputs} scores; with 0 the
 * network is an embedding (for metric-based learners). Parameters, in order: per block
 * {@code convI.weight [filters, in, 3, 3]} (Xavier-uniform), {@code convI.bias} (0),
 * {@code bnI.gamma} (1), {@code bnI.beta} (0); then {@code head.weight [outputs, features]}
 * (Xavier-uniform) and {@code head.bias} (0). BatchNorm has no running statistics: it normalises
 * with batch statistics or statistics given by the caller (see {@link Normalization}), eps 1e-5.
 * With batch statistics BatchNorm is the engine's fused kernel (biased variance; differentiable
 * twice); with statistics given by the caller it is written out ((x - mean) / sqrt(var + eps) *
 * gamma + beta, native reductions), since the fused kernel does not differentiate through
 * statistics that come from another batch.
 * The convolution biases are kept to match the reference networks' parameters, although BatchNorm
 * subtracts them again: their gradient is zero up to rounding.
 */
public final class Conv4 implements FunctionalNetwork {

    /** The two published layouts of the Conv-4 block. */
    public enum Variant {
        /** MAML's: 3x3 conv stride 2, BatchNorm, ReLU, no pooling; mean over positions at the end. */
        STRIDED,
        /** ProtoNet's: 3x3 conv stride 1, BatchNorm, ReLU, 2x2 max-pool; flattened at the end. */
        POOLED
    }

    /** BatchNorm epsilon, as PyTorch's default. */
    public static final double BN_EPS = 1e-5;
    private static final int BLOCKS = 4;

    private final Variant variant;
    private final int inChannels;
    private final int height;
    private final int width;
    private final int filters;
    private final int outputs;
    private final int finalHeight;
    private final int finalWidth;
    private final List<ParameterSpec> parameters;

    /**
     * @param variant    strided (MAML) or pooled (ProtoNet)
     * @param inChannels input channels (1 for Omniglot, 3 for mini-ImageNet)
     * @param height     input height (28 for Omniglot, 84 for mini-ImageNet)
     * @param width      input width
     * @param filters    channels of every block (64 for Omniglot, 32 for MAML on mini-ImageNet)
     * @param outputs    size of the linear head; 0 for an embedding without head
     */
    public Conv4(Variant variant, int inChannels, int height, int width, int filters, int outputs) {
        if (variant == null) {
            throw new IllegalArgumentException("variant must not be null");
        }
        if (inChannels < 1) {
            throw new IllegalArgumentException("inChannels must be at least 1, got " + inChannels);
        }
        if (filters < 1) {
            throw new IllegalArgumentException("filters must be at least 1, got " + filters);
        }
        if (outputs < 0) {
            throw new IllegalArgumentException("outputs must be >= 0, got " + outputs);
        }
        int h = height;
        int w = width;
        for (int b = 0; b < BLOCKS; b++) {
            h = variant == Variant.STRIDED ? (h + 1) / 2 : h / 2;
            w = variant == Variant.STRIDED ? (w + 1) / 2 : w / 2;
        }
        if (height < 1 || width < 1 || h < 1 || w < 1) {
            throw new IllegalArgumentException("input " + height + "x" + width + " is too small for four "
                    + variant + " blocks (each halves the size)");
        }
        this.variant = variant;
        this.inChannels = inChannels;
        this.height = height;
        this.width = width;
        this.filters = filters;
        this.outputs = outputs;
        this.finalHeight = h;
        this.finalWidth = w;
        List<ParameterSpec> specs = new ArrayList<>();
        int c = inChannels;
        for (int b = 1; b <= BLOCKS; b++) {
            specs.add(new ParameterSpec("conv" + b + ".weight", new long[] {filters, c, 3, 3}, ParameterSpec.Init.XAVIER_UNIFORM));
            specs.add(new ParameterSpec("conv" + b + ".bias", new long[] {filters}, ParameterSpec.Init.ZEROS));
            specs.add(new ParameterSpec("bn" + b + ".gamma", new long[] {filters}, ParameterSpec.Init.ONES));
            specs.add(new ParameterSpec("bn" + b + ".beta", new long[] {filters}, ParameterSpec.Init.ZEROS));
            c = filters;
        }
        if (outputs > 0) {
            specs.add(new ParameterSpec("head.weight", new long[] {outputs, featureSize()}, ParameterSpec.Init.XAVIER_UNIFORM));
            specs.add(new ParameterSpec("head.bias", new long[] {outputs}, ParameterSpec.Init.ZEROS));
        }
        this.parameters = List.copyOf(specs);
    }

    /** MAML's Omniglot network (Finn et al. 2017): strided, 64 filters, 28x28 grey images. */
    public static Conv4 mamlOmniglot(int ways) {
        return new Conv4(Variant.STRIDED, 1, 28, 28, 64, ways);
    }

    /** ProtoNet's Omniglot embedding (Snell et al. 2017): pooled, 64 filters, 28x28, 64-d output. */
    public static Conv4 protoNetOmniglot() {
        return new Conv4(Variant.POOLED, 1, 28, 28, 64, 0);
    }

    public Variant variant() {
        return variant;
    }

    /** Size of the feature vector before the head. */
    public long featureSize() {
        return variant == Variant.STRIDED ? filters : (long) filters * finalHeight * finalWidth;
    }

    @Override
    public long outputSize() {
        return outputs > 0 ? outputs : featureSize();
    }

    @Override
    public List<ParameterSpec> parameters() {
        return parameters;
    }

    @Override
    public NDArray forward(NDList params, NDArray input, Normalization norm) {
        checkParams(params);
        PtNDArray x = (PtNDArray) input;
        for (int b = 0; b < BLOCKS; b++) {
            x = conv(x, params, b);
            if (norm.usesBatchStatistics()) {
                x = batchNormalize(x, params, b);
            } else {
                x = normalize(x, params, b, norm.statistics().get(2 * b), norm.statistics().get(2 * b + 1));
            }
            x = JniUtils.relu(x);
            if (variant == Variant.POOLED) {
                x = JniUtils.maxPool(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
            }
        }
        return head(x, params);
    }

    @Override
    public NDList batchStatistics(NDList params, NDArray input) {
        checkParams(params);
        NDList stats = new NDList(2 * BLOCKS);
        PtNDArray x = (PtNDArray) input;
        for (int b = 0; b < BLOCKS; b++) {
            x = conv(x, params, b);
            NDArray mean = channelMean(x);
            NDArray var = channelMean((PtNDArray) x.sub(mean.reshape(1, -1, 1, 1)).square());
            stats.add(mean);
            stats.add(var);
            x = JniUtils.relu(normalize(x, params, b, mean, var));
            if (variant == Variant.POOLED) {
                x = JniUtils.maxPool(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
            }
        }
        return stats;
    }

    /**
     * Mean over batch and positions, per channel, with native reductions only. (An operation with a
     * Java number as operand wraps the number in a tensor backed by a Java buffer; autograd may save
     * that tensor for the backward pass after Java has freed the buffer, so no Number operands are
     * used on a differentiated path.)
     */
    private static NDArray channelMean(PtNDArray x) {
        return JniUtils.mean(JniUtils.mean(JniUtils.mean(x, 3, false), 2, false), 0, false);
    }

    private PtNDArray conv(PtNDArray x, NDList params, int block) {
        int stride = variant == Variant.STRIDED ? 2 : 1;
        return JniUtils.convolution(x, (PtNDArray) params.get(4 * block), (PtNDArray) params.get(4 * block + 1),
                new Shape(stride, stride), new Shape(1, 1), new Shape(1, 1), 1);
    }

    /**
     * BatchNorm with the batch's own statistics through the engine's fused kernel, which is
     * differentiable twice (as exact MAML needs) and far cheaper than the written-out form. The
     * kernel insists on running-statistics buffers; throwaway ones are made in the batch's manager
     * and never read.
     */
    private PtNDArray batchNormalize(PtNDArray x, NDList params, int block) {
        NDManager m = x.getManager();
        PtNDArray runningMean = (PtNDArray) m.zeros(new Shape(filters), x.getDataType());
        PtNDArray runningVar = (PtNDArray) m.ones(new Shape(filters), x.getDataType());
        return JniUtils.batchNorm(x, runningMean, runningVar, (PtNDArray) params.get(4 * block + 2),
                (PtNDArray) params.get(4 * block + 3), true, 0.0, BN_EPS);
    }

    /**
     * (x - mean) / sqrt(var + eps) * gamma + beta, differentiable in mean and var too; every result
     * lands in the batch's manager, never in the parameters'.
     */
    private static PtNDArray normalize(PtNDArray x, NDList params, int block, NDArray mean, NDArray var) {
        NDArray std = var.add(BN_EPS).sqrt();
        NDArray scale = params.get(4 * block + 2).div(std);
        scale.attach(x.getManager());
        NDArray shift = mean.mul(scale).neg().add(params.get(4 * block + 3));
        return (PtNDArray) x.mul(scale.reshape(1, -1, 1, 1)).add(shift.reshape(1, -1, 1, 1));
    }

    private NDArray head(PtNDArray x, NDList params) {
        Shape s = x.getShape();
        NDArray features = variant == Variant.STRIDED
                ? JniUtils.mean(JniUtils.mean(x, 3, false), 2, false)
                : x.reshape(s.get(0), -1);
        if (outputs == 0) {
            return features;
        }
        return JniUtils.linear((PtNDArray) features, (PtNDArray) params.get(4 * BLOCKS), (PtNDArray) params.get(4 * BLOCKS + 1));
    }

    private void checkParams(NDList params) {
        if (params.size() != parameters.size()) {
            throw new IllegalArgumentException("Conv4 expects " + parameters.size() + " parameters, got " + params.size());
        }
    }

    @Override
    public String toString() {
        return "Conv4[" + variant + ", " + inChannels + "x" + height + "x" + width + ", filters " + filters
                + ", outputs " + outputs + "]";
    }
}
