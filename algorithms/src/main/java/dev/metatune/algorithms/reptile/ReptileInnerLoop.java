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
 * <p>Decided here: the inner Adam starts afresh for every task (zero moments, step count 0), so
 * that the tasks of a batch are independent and can be computed side by side; the paper's code
 * keeps the inner optimizer's moments from task to task. Holds no per-task state.
 */
final class ReptileInnerLoop {

    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

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
     * support examples; new arrays in {@code task} (which must be open with autograd enabled),
     * {@code start} untouched.
     */
    NDList adapt(NDManager task, NDList start, Examples support, int steps, int batch, long seed) {
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
        NDArray[] m = new NDArray[phi.size()];
        NDArray[] v = new NDArray[phi.size()];
        Minibatches order = new Minibatches(support.count(), Math.min(batch, support.count()), seed);
        for (int s = 1; s <= steps; s++) {
            int[] rows = order.next();
            NDArray loss = tensors.loss(network.forward(phi, tensors.input(task, support, rows), Normalization.batch()),
                    support, rows);
            NDList g = gradients.gradients(loss, phi, false);
            try (GradMode off = GradMode.disabled()) {
                for (int i = 0; i < phi.size(); i++) {
                    NDArray w = phi.get(i).stopGradient();
                    if (adam) {
                        NDArray gi = g.get(i);
                        m[i] = m[i] == null ? gi.mul(1 - beta1) : m[i].mul(beta1).add(gi.mul(1 - beta1));
                        NDArray sq = gi.square().mul(1 - BETA2);
                        v[i] = v[i] == null ? sq : v[i].mul(BETA2).add(sq);
                        double stepSize = lr / (1 - Math.pow(beta1, s));
                        NDArray denominator = v[i].sqrt().div(Math.sqrt(1 - Math.pow(BETA2, s))).add(EPS);
                        w.subi(m[i].div(denominator).mul(stepSize));
                    } else {
                        w.subi(g.get(i).mul(lr));
                    }
                    w.close();
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
