package dev.metatune.algorithms.maml;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.metatune.algorithms.backbone.ChannelsLast;
import dev.metatune.algorithms.backbone.FunctionalNetwork;
import dev.metatune.algorithms.backbone.Normalization;
import dev.metatune.algorithms.training.GradientModule;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskKind;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * The per-task computations of MAML (Finn, Abbeel and Levine, ICML 2017) over a
 * {@link FunctionalNetwork}: inputs onto the device, the task loss (mean cross-entropy or mean
 * squared error), the inner SGD loop at fast weights and the query forward pass with the chosen
 * BatchNorm statistics. Holds no per-task state; every array it creates lives in the manager it is
 * given (or the input's).
 */
final class InnerLoop {

    private final FunctionalNetwork network;
    private final GradientModule gradients;
    private final NDArray innerLr;
    private final DataType dataType;
    private final TaskKind kind;
    private final boolean transductiveBn;

    InnerLoop(FunctionalNetwork network, GradientModule gradients, NDArray innerLr, DataType dataType, TaskKind kind,
              boolean transductiveBn) {
        this.network = network;
        this.gradients = gradients;
        this.innerLr = innerLr;
        this.dataType = dataType;
        this.kind = kind;
        this.transductiveBn = transductiveBn;
    }

    FunctionalNetwork network() {
        return network;
    }

    GradientModule gradients() {
        return gradients;
    }

    /**
     * The examples' inputs as one array in {@code manager}, in the network's data type; image batches
     * are laid out channels-last (see {@link ChannelsLast}), so that every convolution of the task
     * runs in NHWC.
     */
    NDArray input(NDManager manager, Examples examples) {
        Shape shape = new Shape(examples.batchShape());
        NDArray plain;
        if (dataType == DataType.FLOAT32) {
            plain = manager.create(FloatBuffer.wrap(examples.inputs()), shape, DataType.FLOAT32);
        } else {
            float[] f = examples.inputs();
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            plain = manager.create(DoubleBuffer.wrap(d), shape, DataType.FLOAT64);
        }
        return ChannelsLast.replace(plain);
    }

    /**
     * The task loss of {@code output} against the examples' labels or targets: mean cross-entropy for
     * classification (through a one-hot mask scaled by -1/n, so one multiply and one sum), mean squared
     * error for regression. A scalar in the output's manager.
     */
    NDArray loss(NDArray output, Examples examples) {
        NDManager m = output.getManager();
        int n = examples.count();
        if (kind == TaskKind.CLASSIFICATION) {
            int ways = (int) output.getShape().get(1);
            double[] mask = new double[n * ways];
            int[] labels = examples.labels();
            for (int i = 0; i < n; i++) {
                if (labels[i] < 0 || labels[i] >= ways) {
                    throw new IllegalArgumentException("label " + labels[i] + " outside 0.." + (ways - 1));
                }
                mask[i * ways + labels[i]] = -1.0 / n;
            }
            NDArray maskArray = constant(m, mask, new Shape(n, ways));
            return output.logSoftmax(1).mul(maskArray).sum();
        }
        float[] t = examples.targets();
        double[] targets = new double[n];
        for (int i = 0; i < n; i++) {
            targets[i] = t[i];
        }
        NDArray y = constant(m, targets, new Shape(n, 1));
        return output.reshape(n, 1).sub(y).square().mean();
    }

    private NDArray constant(NDManager m, double[] values, Shape shape) {
        if (dataType == DataType.FLOAT64) {
            return m.create(DoubleBuffer.wrap(values), shape, DataType.FLOAT64);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return m.create(FloatBuffer.wrap(f), shape, DataType.FLOAT32);
    }

    /**
     * {@code steps} SGD steps of size inner_lr on the support loss, from {@code start}; call with
     * autograd enabled. With {@code secondOrder} the result stays differentiable through the
     * gradients, back to {@code start} (exact MAML); otherwise the gradients are constants and the
     * fast weights are new leaves without history, whose own gradient is the first-order
     * meta-gradient (first-order MAML, Nichol et al. 2018). The fast weights land in {@code xs}'s
     * manager; {@code start} is never modified.
     */
    NDList adapt(NDList start, NDArray xs, Examples support, int steps, boolean secondOrder) {
        NDList fast = start;
        for (int s = 0; s < steps; s++) {
            NDArray out = network.forward(fast, xs, Normalization.batch());
            NDArray loss = loss(out, support);
            fast = gradients.sgdStep(loss, fast, innerLr, secondOrder);
        }
        return fast;
    }

    /**
     * The network's output on the query inputs at {@code fast}: BatchNorm with the query batch's own
     * statistics (transductive) or with the support set's at the same weights (non-transductive).
     */
    NDArray queryOutput(NDList fast, NDArray xq, NDArray xs) {
        if (transductiveBn) {
            return network.forward(fast, xq, Normalization.batch());
        }
        return network.forward(fast, xq, Normalization.fixed(network.batchStatistics(fast, xs)));
    }

    /** Whether BatchNorm normalises every batch with its own statistics. */
    boolean transductiveBn() {
        return transductiveBn;
    }

    static int argmax(float[] scores, int offset, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (scores[offset + j] > scores[offset + best]) {
                best = j;
            }
        }
        return best;
    }
}
