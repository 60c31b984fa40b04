package dev.metatune.algorithms.mann;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.metatune.algorithms.training.LstmCell;
import dev.metatune.algorithms.training.NamedParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The memory-augmented network of Santoro et al. 2016 (section 3.1), one time step at a time: an
 * LSTM controller whose input is the flattened image and the previous time step's one-hot label,
 * {@code [x_t, y_{t-1}]}, and whose recurrent input is its previous hidden state with the previous
 * read vectors, {@code [h_{t-1}, r_{t-1}]}; the {@link LruaMemory} written and read from {@code h_t};
 * and a linear output layer over {@code [h_t, r_t]} (the read vectors feed the classifier), giving
 * the logits of the current image's label.
 *
 * <p>Parameters: {@code controller.*} ({@link LstmCell}), {@code memory.*}, {@code output.*}, all under
 * the learner's manager.
 */
final class MannNetwork implements AutoCloseable {

    private final DataType dataType;
    private final int inputSize;
    private final int ways;
    private final LstmCell controller;
    private final LruaMemory memory;
    private final Dense output;
    private final List<NamedParameter> parameters;

    /** One step's result: the label logits {@code [b, ways]} and the state after the step. */
    record Step(NDArray logits, MannState state) {
    }

    /**
     * @param pixels values of one flattened image
     * @param ways   classes, the width of the one-hot label input and of the output
     */
    MannNetwork(NDManager manager, int pixels, int ways, MannConfig config, SplittableRandom random) {
        this(manager, pixels, ways, config, random, DataType.FLOAT32);
    }

    /** With parameters and state of {@code dataType}: float32 for training, float64 for gradient checks. */
    MannNetwork(NDManager manager, int pixels, int ways, MannConfig config, SplittableRandom random, DataType dataType) {
        this.dataType = dataType;
        this.inputSize = pixels + ways;
        this.ways = ways;
        int readWidth = config.heads() * config.memoryWidth();
        this.controller = new LstmCell(manager, "controller.", inputSize, config.controllerSize() + readWidth,
                config.controllerSize(), random, dataType);
        this.memory = new LruaMemory(manager, config.controllerSize(), config.heads(), config.memorySlots(),
                config.memoryWidth(), config.gamma(), config.separateAdd(), config.keyStrength(), random, dataType);
        this.output = new Dense(manager, "output.", config.controllerSize() + readWidth, ways, random, dataType);
        List<NamedParameter> all = new ArrayList<>(controller.parameters());
        all.addAll(memory.parameters());
        all.addAll(output.parameters());
        this.parameters = List.copyOf(all);
    }

    /** The state a batch of {@code batch} episodes starts from, in {@code manager}. */
    MannState initial(NDManager manager, int batch) {
        return MannState.initial(manager, batch, controller.hidden(), memory.heads(), memory.slots(), memory.width(),
                dataType);
    }

    /** One time step: {@code input [b, pixels + ways]} is {@code [x_t, y_{t-1}]}. */
    Step step(NDArray input, MannState previous) {
        NDList hc = controller.step(input, previous.hidden().concat(previous.reads(), 1), previous.cell());
        NDArray h = hc.get(0);
        LruaMemory.Access access = memory.step(h, previous);
        NDArray logits = output.forward(h.concat(access.reads(), 1));
        return new Step(logits, new MannState(h, hc.get(1), access.reads(), access.memory(), access.readWeights(),
                access.usage()));
    }

    /** The logits of every support step {@code [b * n, ways]} and query {@code [b * q, ways]} (null without queries). */
    record Outputs(NDArray supportLogits, NDArray queryLogits, MannState afterSupport) {
    }

    /**
     * Runs a presented batch from the initial state (arrays in {@code manager}): the support sequence
     * step by step, then every query as its own next step (see {@link Presentation}).
     */
    Outputs run(NDManager manager, Presentation p) {
        if (p.width() != inputSize) {
            throw new IllegalArgumentException("time steps of " + p.width() + " values, this network takes "
                    + inputSize + " (pixels + " + ways + " ways)");
        }
        NDArray inputs = manager.create(p.supportInputs(), new Shape(p.batch(), p.length(), p.width()))
                .toType(dataType, false);
        MannState state = initial(manager, p.batch());
        NDList logits = new NDList(p.length());
        for (int t = 0; t < p.length(); t++) {
            Step step = step(inputs.get(new NDIndex(":, {}, :", t)), state);
            logits.add(step.logits());
            state = step.state();
        }
        NDArray support = NDArrays.stack(logits, 1).reshape((long) p.batch() * p.length(), ways);
        NDArray queries = null;
        if (p.queries() > 0) {
            NDArray queryInputs = manager.create(p.queryInputs(), new Shape((long) p.batch() * p.queries(), p.width()))
                    .toType(dataType, false);
            queries = step(queryInputs, state.repeat(p.queries())).logits();
        }
        return new Outputs(support, queries, state);
    }

    /** Width of one time step's input: pixels plus the one-hot label. */
    int inputSize() {
        return inputSize;
    }

    int ways() {
        return ways;
    }

    List<NamedParameter> parameters() {
        return parameters;
    }

    @Override
    public void close() {
        controller.close();
    }
}
