package dev.metatune.algorithms.mann;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.metatune.algorithms.training.ClassPredictions;
import dev.metatune.algorithms.training.GradMode;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.Prediction;
import dev.metatune.task.Examples;

/**
 * A MANN adapted to one support set: the network's state (controller, memory, read and usage
 * weights) after the support sequence, and that sequence's last label. Each query is classified as
 * the next time step of the sequence, {@code [x_q, y_n]}, from that state, on its own (queries do not
 * write into each other's memory); scores are the log-probabilities of the output layer. Valid while
 * its learner is open.
 */
final class MannModel implements AdaptedModel {

    private final MannNetwork network;
    private final MannState state;
    private final int lastLabel;
    private final int pixels;
    private final NDManager manager;

    MannModel(MannNetwork network, MannState state, int lastLabel, int pixels, NDManager manager) {
        this.network = network;
        this.state = state;
        this.lastLabel = lastLabel;
        this.pixels = pixels;
        this.manager = manager;
    }

    @Override
    public Prediction predict(Examples query) {
        if (!manager.isOpen()) {
            throw new IllegalStateException("this adapted mann model is closed");
        }
        int count = query.count();
        if (query.inputs().length != count * pixels) {
            throw new IllegalArgumentException("queries of " + query.inputs().length / Math.max(count, 1)
                    + " values, this model takes " + pixels);
        }
        try (NDManager scratch = manager.newSubManager(); GradMode off = GradMode.disabled()) {
            state.tempAttach(scratch);
            float[] steps = Presentation.queryInputs(query.inputs(), pixels, network.ways(), lastLabel);
            NDArray inputs = scratch.create(steps, new Shape(count, network.inputSize()))
                    .toType(state.hidden().getDataType(), false);
            NDArray scores = network.step(inputs, state.repeat(count)).logits().logSoftmax(1);
            return ClassPredictions.of(scores);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
