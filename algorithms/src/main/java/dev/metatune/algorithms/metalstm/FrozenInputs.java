package dev.metatune.algorithms.metalstm;

import java.util.ArrayList;
import java.util.List;

/**
 * The LSTM's inputs of one unrolled inner loop (the learner's gradient and the preprocessed loss and
 * gradient of every step), recorded once and replayed, for the gradient check: Ravi and Larochelle
 * treat these inputs as constants of the meta-gradient, so finite differences must be taken with
 * them held fixed. Not used in training.
 */
final class FrozenInputs {

    final List<double[]> gradients = new ArrayList<>();
    final List<double[]> inputs = new ArrayList<>();
    private boolean recorded;

    /** Whether the inputs are there to replay (else the next unroll records them). */
    boolean recorded() {
        return recorded;
    }

    void finishRecording() {
        recorded = true;
    }
}
