package dev.metatune.algorithms.reptile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.metatune.algorithms.backbone.FunctionalNetwork;
import dev.metatune.algorithms.backbone.Normalization;
import dev.metatune.algorithms.training.GradMode;
import dev.metatune.algorithms.training.GradientModule;
import dev.metatune.algorithms.training.TaskTensors;
import dev.metatune.task.Examples;
import java.util.SplittableRandom;

/**
 * Reptile's inner loop (Nichol, Achiam and Schulman 2018, Algorithm 1 and 2): from a copy of the
 * initialisation, {@code steps} steps of SGD or Adam on minibatches of the support set (drawn without
 * replacement from a seeded shuffle, reshuffled when used up, as the paper's code), every step's
 * BatchNorm with the minibatch's own statistics. No gradient flows back to the initialisation: the
 * inner gradients are plain first-order gradients at the current weights.
 *
 * <p>The inner Adam's moments and update count are an {@link InnerAdamState} the caller chooses:
 * a fresh one for the task ({@code inner_adam_state=per_task}: the tasks of a batch are independent
 * and can be computed side by side) or the learner's persisted one, which this loop advances in place
 * ({@code persistent}: the paper's code, whose TensorFlow Adam keeps its slots from task to task).
 * Holds no per-task state itself.
 */
final class ReptileInnerLoop {

    private final FunctionalNetwork network;
    private final GradientModule gradients;
    private final TaskTensors tensors;
    private final boolean adam;
    private final double lr;
    private final double beta1;

    ReptileInnerLoop(FunctionalNetwork network, GradientModule gradients, TaskTensors tensors, ReptileConfig config) {
        this.network = network;
        this.gradients = gradients;
        this.tensors = tensors;
        this.adam = config.adam();
        this.lr = config.innerLr();
        this.beta1 = config.beta1();
    }

    FunctionalNetwork network() {
        return network;
    }

    TaskTensors tensors() {
        return tensors;
    }

    /**
     * The weights after {@code steps} inner steps from {@code start} on minibatches of {@code batch}
     * support examples, an inner Adam starting afresh (zero moments, no update taken); new arrays in
     * {@code task} (which must be open with autograd enabled), {@code start} untouched.
     */
    NDList adapt(NDManager task, NDList start, Examples support, int steps, int batch, long seed) {
        return adapt(task, start, support, steps, batch, seed, adam ? InnerAdamState.fresh(task, start) : null);
    }

    /**
     * As {@link #adapt(NDManager, NDList, Examples, int, int, long)}, the inner Adam continuing from
     * {@code adamState}, which every step advances in place (ignored, and may be null, with SGD).
     */
    NDList adapt(NDManager task, NDList start, Examples support, int steps, int batch, long seed, InnerAdamState adamState) {
        if (adam && adamState == null) {
            throw new IllegalArgumentException("the inner Adam needs a state to start from");
        }
        NDList phi = new NDList(start.size());
        try (GradMode off = GradMode.disabled()) {
            for (NDArray p : start) {
                NDArray copy = p.duplicate(); // the initialisation needs no gradient: a plain copy, moved into the task
                copy.attach(task);
                phi.add(copy);
            }
        }
        for (NDArray p : phi) {
            p.setRequiresGradient(true);
        }
        Minibatches order = new Minibatches(support.count(), Math.min(batch, support.count()), seed);
        for (int s = 1; s <= steps; s++) {
            int[] rows = order.next();
            NDArray loss = tensors.loss(network.forward(phi, tensors.input(task, support, rows), Normalization.batch()),
                    support, rows);
            NDList g = gradients.gradients(loss, phi, false);
            try (GradMode off = GradMode.disabled()) {
                if (adam) {
                    adamState.step(phi, g, lr, beta1);
                } else {
                    for (int i = 0; i < phi.size(); i++) {
                        NDArray w = phi.get(i).stopGradient();
                        w.subi(g.get(i).mul(lr));
                        w.close();
                    }
                }
            }
        }
        return phi;
    }

    /** Index minibatches drawn without replacement from a seeded shuffle, reshuffled when used up. */
    static final class Minibatches {
        private final int[] order;
        private final int size;
        private final SplittableRandom random;
        private int position;

        Minibatches(int count, int size, long seed) {
            this.order = new int[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            this.size = size;
            this.random = new SplittableRandom(seed);
            shuffle();
        }

        int[] next() {
            int[] rows = new int[size];
            for (int r = 0; r < size; r++) {
                if (position == order.length) {
                    shuffle();
                }
                rows[r] = order[position++];
            }
            return rows;
        }

        private void shuffle() {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            position = 0;
        }
    }
}
