package dev.metatune.algorithms.metalstm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.SplittableRandom;

/**
 * The two-layer coordinate-wise LSTM of Ravi and Larochelle ("Optimization as a Model for Few-Shot
 * Learning", ICLR 2017), applied to every learner parameter as a batch of coordinates with shared
 * weights. Layer 1 is a standard LSTM (hidden size H) on the preprocessed loss and gradient; layer 2
 * is the meta-learner cell whose state is the learner's parameters:
 * {@code f = [h, theta, f_prev] W_F + b_F}, {@code i = [h, theta, i_prev] W_I + b_I},
 * {@code theta_next = sigmoid(f) * theta - sigmoid(i) * grad}: the input gate is a learned learning
 * rate and the forget gate a learned weight decay (shrinkage), per coordinate and step.
 *
 * <p>Meta-parameters, in {@link #parameters()}'s order: layer 1's {@code W_x [4, 4H]},
 * {@code W_h [H, 4H]}, {@code b [4H]} (gates in PyTorch's order i, f, g, o), then {@code W_F, W_I
 * [H + 2, 1]}, {@code b_F, b_I [1]}. Initialised as the paper's code: everything uniform in
 * [-0.01, 0.01], then {@code b_F} uniform in [4, 5] and {@code b_I} in [-5, -4], so that the cell
 * starts close to plain gradient descent with a small step (forget gate near 1, input gate near 0).
 * Layer 2's previous gate values are the pre-sigmoid ones, as in that code. Every operation is an
 * engine operation on arrays, with no Java-number operand on the differentiated path.
 */
final class CoordinateLstm {

    /** Preprocessing exponent of Andrychowicz et al. (2016), as the paper: p = 10. */
    static final double P = 10;

    private final int hidden;
    private final NDList parameters;

    CoordinateLstm(NDManager manager, int hidden, long seed, DataType dataType) {
        this.hidden = hidden;
        SplittableRandom random = new SplittableRandom(seed ^ 0x15_7e_1a_57L);
        this.parameters = new NDList(
                uniform(manager, random, new Shape(4, 4L * hidden), -0.01, 0.01, dataType),
                uniform(manager, random, new Shape(hidden, 4L * hidden), -0.01, 0.01, dataType),
                uniform(manager, random, new Shape(4L * hidden), -0.01, 0.01, dataType),
                uniform(manager, random, new Shape(hidden + 2, 1), -0.01, 0.01, dataType),
                uniform(manager, random, new Shape(hidden + 2, 1), -0.01, 0.01, dataType),
                uniform(manager, random, new Shape(1), 4, 5, dataType),
                uniform(manager, random, new Shape(1), -5, -4, dataType));
        for (NDArray p : parameters) {
            p.setRequiresGradient(true);
        }
    }

    private static NDArray uniform(NDManager m, SplittableRandom r, Shape shape, double low, double high, DataType type) {
        double[] v = new double[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = low + (high - low) * r.nextDouble();
        }
        NDArray d = m.create(v, shape);
        NDArray t = d.toType(type, false);
        if (t != d) {
            d.close();
        }
        return t;
    }

    /** The meta-parameters (layer 1, then W_F, W_I, b_F, b_I). */
    NDList parameters() {
        return parameters;
    }

    /** Names of {@link #parameters()}, for the optimizer. */
    static String[] names() {
        return new String[] {"lstm1.w_x", "lstm1.w_h", "lstm1.b", "lstm2.w_f", "lstm2.w_i", "lstm2.b_f", "lstm2.b_i"};
    }

    /**
     * The state of both layers for {@code n} coordinates: layer 1's h and c (zeros), layer 2's
     * previous pre-sigmoid f and i (zeros) and the parameters {@code theta [n, 1]}.
     */
    State initial(NDManager task, NDArray theta) {
        long n = theta.getShape().get(0);
        DataType type = theta.getDataType();
        return new State(task.zeros(new Shape(n, hidden), type), task.zeros(new Shape(n, hidden), type),
                task.zeros(new Shape(n, 1), type), task.zeros(new Shape(n, 1), type), theta);
    }

    /** Both layers' state: layer 1's (h, c), layer 2's previous pre-sigmoid gates and its cell, the parameters. */
    record State(NDArray h, NDArray c, NDArray f, NDArray i, NDArray theta) {
    }

    /**
     * One update: the preprocessed loss and gradient (constants, {@code [n, 4]}), layer 1, then
     * {@code theta_next = sigmoid(f) theta - sigmoid(i) grad} with {@code grad [n, 1]} a constant.
     */
    State step(State s, NDArray inputs, NDArray grad) {
        NDArray gates = inputs.matMul(parameters.get(0)).add(s.h().matMul(parameters.get(1))).add(parameters.get(2));
        NDList g = gates.split(4, 1);
        NDArray in = sigmoid(g.get(0));
        NDArray forget = sigmoid(g.get(1));
        NDArray cell = JniUtils.tanh((PtNDArray) g.get(2));
        NDArray out = sigmoid(g.get(3));
        NDArray c = forget.mul(s.c()).add(in.mul(cell));
        NDArray h = out.mul(JniUtils.tanh((PtNDArray) c));
        NDArray f = NDArrays.concat(new NDList(h, s.theta(), s.f()), 1).matMul(parameters.get(3)).add(parameters.get(5));
        NDArray i = NDArrays.concat(new NDList(h, s.theta(), s.i()), 1).matMul(parameters.get(4)).add(parameters.get(6));
        NDArray theta = sigmoid(f).mul(s.theta()).sub(sigmoid(i).mul(grad));
        return new State(h, c, f, i, theta);
    }

    private static NDArray sigmoid(NDArray x) {
        return JniUtils.sigmoid((PtNDArray) x);
    }

    /**
     * Andrychowicz et al.'s preprocessing of every value of {@code x [n, 1]} into two:
     * {@code (log|x| / p, sign x)} when {@code |x| >= e^-p}, else {@code (-1, e^p x)}; a constant
     * {@code [n, 2]} (no gradient flows through it).
     */
    static NDArray preprocess(NDArray x) {
        NDArray abs = x.abs();
        NDArray big = abs.gte(Math.exp(-P));
        NDArray first = NDArrays.where(big, abs.log().div(P), abs.zerosLike().sub(1));
        NDArray second = NDArrays.where(big, x.sign(), x.mul(Math.exp(P)));
        return NDArrays.concat(new NDList(first, second), 1);
    }
}
