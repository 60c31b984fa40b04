package dev.metatune.algorithms.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.metatune.learner.LearnerState;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One LSTM cell (Hochreiter and Schmidhuber 1997, with forget gate) written as tensor operations, so
 * that DJL's autograd differentiates it: {@code gates = x Wx + r Wr + b} split into input, forget,
 * cell and output gates (PyTorch's order i, f, g, o); {@code c' = sigmoid(f) c + sigmoid(i) tanh(g)},
 * {@code h' = sigmoid(o) tanh(c')}. The recurrent input {@code r} is usually the previous hidden
 * state, but may be wider (Matching Networks' attention LSTM feeds {@code [h, readout]}).
 *
 * <p>Initialisation as PyTorch's {@code LSTMCell}: every weight and bias uniform in
 * +-1/sqrt(hidden), from the random source given. The parameters live in a sub-manager of the
 * manager passed in; {@link #close()} frees them.
 */
public final class LstmCell implements AutoCloseable {

    private final NDManager manager;
    private final int hidden;
    private final NDArray inputWeight;
    private final NDArray recurrentWeight;
    private final NDArray bias;
    private final List<NamedParameter> parameters;

    /**
     * @param prefix        name prefix of the parameters ({@code <prefix>w_input}, {@code w_recurrent}, {@code bias})
     * @param inputSize     width of {@code x}
     * @param recurrentSize width of {@code r}
     * @param hidden        width of {@code h} and {@code c}
     */
    public LstmCell(NDManager parent, String prefix, int inputSize, int recurrentSize, int hidden,
                    SplittableRandom random) {
        this(parent, prefix, inputSize, recurrentSize, hidden, random, DataType.FLOAT32);
    }

    /**
     * As above, with parameters of {@code dataType} (float32 for training; float64 lets a gradient
     * check compare with finite differences at full precision).
     */
    public LstmCell(NDManager parent, String prefix, int inputSize, int recurrentSize, int hidden,
                    SplittableRandom random, DataType dataType) {
        if (inputSize < 1 || recurrentSize < 1 || hidden < 1) {
            throw new IllegalArgumentException("LSTM sizes must be at least 1, got input " + inputSize + ", recurrent "
                    + recurrentSize + ", hidden " + hidden);
        }
        this.manager = parent.newSubManager();
        this.hidden = hidden;
        float bound = (float) (1.0 / Math.sqrt(hidden));
        this.inputWeight = trainable(random, new Shape(inputSize, 4L * hidden), bound, dataType);
        this.recurrentWeight = trainable(random, new Shape(recurrentSize, 4L * hidden), bound, dataType);
        this.bias = trainable(random, new Shape(4L * hidden), bound, dataType);
        this.parameters = List.of(new NamedParameter(prefix + "w_input", inputWeight),
                new NamedParameter(prefix + "w_recurrent", recurrentWeight), new NamedParameter(prefix + "bias", bias));
    }

    private NDArray trainable(SplittableRandom random, Shape shape, float bound, DataType dataType) {
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
            throw new IllegalArgumentException("LSTM parameters are float32 or float64, got " + dataType);
        }
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        NDArray a;
        if (dataType == DataType.FLOAT32) {
            a = manager.create(v, shape);
        } else {
            double[] wide = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                wide[i] = v[i];
            }
            a = manager.create(wide, shape);
        }
        a.setRequiresGradient(true);
        return a;
    }

    /**
     * One step: {@code x [b, input]}, {@code r [b, recurrent]}, {@code c [b, hidden]}; returns
     * {@code {h', c'}} in {@code x}'s manager.
     */
    public NDList step(NDArray x, NDArray r, NDArray c) {
        NDArray gates = x.matMul(inputWeight).add(r.matMul(recurrentWeight)).add(bias);
        NDList split = gates.split(4, 1);
        NDArray i = Activation.sigmoid(split.get(0));
        NDArray f = Activation.sigmoid(split.get(1));
        NDArray g = split.get(2).tanh();
        NDArray o = Activation.sigmoid(split.get(3));
        NDArray cNext = f.mul(c).add(i.mul(g));
        NDArray hNext = o.mul(cNext.tanh());
        return new NDList(hNext, cNext);
    }

    /** Width of the hidden and cell states. */
    public int hidden() {
        return hidden;
    }

    /** The trainable parameters, in a fixed order. */
    public List<NamedParameter> parameters() {
        return parameters;
    }

    /** Adds the parameters by name to {@code state}. */
    public void save(LearnerState.Builder state) {
        for (NamedParameter p : parameters) {
            state.tensor(StateArrays.save(p.name(), p.array()));
        }
    }

    /** Expects what {@link #save} wrote; returns how many tensors. */
    public int expect(StateArrays restore) {
        for (NamedParameter p : parameters) {
            restore.expect(p.name(), p.array());
        }
        return parameters.size();
    }

    @Override
    public void close() {
        manager.close();
    }
}
