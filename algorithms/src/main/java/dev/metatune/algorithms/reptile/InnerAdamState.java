package dev.metatune.algorithms.reptile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.metatune.algorithms.training.NamedParameter;
import dev.metatune.learner.LearnerState;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of Reptile's inner Adam: one first moment m and one second moment v per parameter, and
 * the update count t that sets the bias corrections, with the update rule
 * {@code m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2,
 * w -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)}, b2 0.999, eps 1e-8. A fresh state
 * (zero moments, t = 0) serves one task ({@code inner_adam_state=per_task}); the learner's persisted
 * one is carried from task to task and meta-step to meta-step ({@code persistent}), as the slot
 * variables and beta powers of the TensorFlow Adam in the paper's code are, which resets only the
 * trainable variables between tasks. TensorFlow adds eps to sqrt(v) before the bias correction
 * rather than after; with eps 1e-8 the two differ only while v is of that order.
 *
 * <p>Its arrays belong to the manager given at creation and are updated in place; every temporary of
 * a step is freed before {@link #step} returns. Not thread-safe: a persisted state is advanced by one
 * task at a time.
 */
final class InnerAdamState {

    /** Counter name of the persisted update count in a learner state. */
    static final String STEPS = "inner_adam.steps";

    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final NDArray[] mean;
    private final NDArray[] variance;
    private long steps;

    private InnerAdamState(NDArray[] mean, NDArray[] variance, long steps) {
        this.mean = mean;
        this.variance = variance;
        this.steps = steps;
    }

    /** Zero moments shaped as {@code like}, in {@code manager}, with no update taken. */
    static InnerAdamState fresh(NDManager manager, NDList like) {
        NDArray[] m = new NDArray[like.size()];
        NDArray[] v = new NDArray[like.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = manager.zeros(like.get(i).getShape(), like.get(i).getDataType());
            v[i] = manager.zeros(like.get(i).getShape(), like.get(i).getDataType());
        }
        return new InnerAdamState(m, v, 0);
    }

    /** A copy in {@code manager} that can be advanced without changing this state. */
    InnerAdamState copy(NDManager manager) {
        NDArray[] m = new NDArray[mean.length];
        NDArray[] v = new NDArray[mean.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = mean[i].duplicate();
            m[i].attach(manager);
            v[i] = variance[i].duplicate();
            v[i].attach(manager);
        }
        return new InnerAdamState(m, v, steps);
    }

    /**
     * One Adam update of {@code weights} (in place, through detached views, whatever the grad mode)
     * from {@code gradients} with step size {@code lr} and first-moment decay {@code beta1}; advances
     * the moments and the update count.
     */
    void step(NDList weights, NDList gradients, double lr, double beta1) {
        if (weights.size() != mean.length || gradients.size() != mean.length) {
            throw new IllegalArgumentException("inner Adam holds " + mean.length + " parameters, got " + weights.size()
                    + " weights and " + gradients.size() + " gradients");
        }
        steps++;
        double stepSize = lr / (1 - Math.pow(beta1, steps));
        double sqrtCorrection2 = Math.sqrt(1 - Math.pow(BETA2, steps));
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (int i = 0; i < mean.length; i++) {
                NDArray g = gradients.get(i);
                mean[i].muli(beta1).addi(g.mul(1 - beta1));
                variance[i].muli(BETA2).addi(g.square().mul(1 - BETA2));
                NDArray denominator = variance[i].sqrt().div(sqrtCorrection2).add(EPS);
                weights.get(i).stopGradient().subi(mean[i].div(denominator).mul(stepSize));
            }
        }
    }

    /** Updates taken so far (every task's inner steps, when persisted). */
    long stepCount() {
        return steps;
    }

    /**
     * The moments under the names of {@code parameters} (the same order):
     * {@code inner_adam.m.<name>} and {@code inner_adam.v.<name>} of every parameter, in turn.
     */
    List<NamedParameter> named(List<NamedParameter> parameters) {
        if (parameters.size() != mean.length) {
            throw new IllegalArgumentException("inner Adam holds " + mean.length + " parameters, got " + parameters.size()
                    + " names");
        }
        List<NamedParameter> out = new ArrayList<>(2 * mean.length);
        for (int i = 0; i < mean.length; i++) {
            out.add(new NamedParameter("inner_adam.m." + parameters.get(i).name(), mean[i]));
            out.add(new NamedParameter("inner_adam.v." + parameters.get(i).name(), variance[i]));
        }
        return List.copyOf(out);
    }

    /** The update count {@code state} holds ({@link #STEPS}); refuses a missing or negative one. */
    static long savedStepCount(LearnerState state) {
        long saved = state.counter(STEPS);
        if (saved < 0) {
            throw new IllegalArgumentException("learner state of '" + state.algorithm() + "': counter '" + STEPS
                    + "' must be >= 0, got " + saved);
        }
        return saved;
    }

    /** Sets the update count, once the moments were copied in place. */
    void restoreStepCount(long stepCount) {
        if (stepCount < 0) {
            throw new IllegalArgumentException(STEPS + " must be >= 0, got " + stepCount);
        }
        this.steps = stepCount;
    }
}
