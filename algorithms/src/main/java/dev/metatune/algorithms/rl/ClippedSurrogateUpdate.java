package dev.metatune.algorithms.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.metatune.algorithms.training.AdamUpdater;
import dev.metatune.algorithms.training.GradMode;
import dev.metatune.algorithms.training.GradientModule;
import java.util.function.Function;

/**
 * The first-order PPO-style outer step, the option beside TRPO: {@code epochs} Adam steps (step size
 * {@code lr}) on PPO's clipped surrogate (Schulman, Wolski, Dhariwal, Radford and Klimov, "Proximal
 * Policy Optimization Algorithms", 2017) of the adapted policies, all on one meta-batch's
 * trajectories; the clip (0.2, the paper's) keeps the adapted policies near those that collected the
 * queries instead of a trust region, and the inner gradients are constants (first order), so no
 * Hessian is formed. The Adam moments belong to the caller, which saves them with its state.
 */
public final class ClippedSurrogateUpdate {

    /** PPO's clip range epsilon. */
    public static final double CLIP = 0.2;
    /** Adam steps per meta-batch. */
    public static final int EPOCHS = 5;

    private final GradientModule gradients;
    private final AdamUpdater adam;
    private final double lr;

    public ClippedSurrogateUpdate(GradientModule gradients, AdamUpdater adam, double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("lr must be positive and finite, got " + lr);
        }
        this.gradients = gradients;
        this.adam = adam;
        this.lr = lr;
    }

    /**
     * Moves {@code theta} (Adam's parameters, leaves that require gradients) in place by
     * {@link #EPOCHS} Adam steps on {@code surrogate}, the clipped surrogate at given parameters;
     * returns its value before the first step.
     */
    public double apply(NDList theta, Function<NDList, NDArray> surrogate) {
        double before = Double.NaN;
        for (int e = 0; e < EPOCHS; e++) {
            NDArray loss = surrogate.apply(theta);
            if (e == 0) {
                before = loss.getFloat();
            }
            NDList g;
            try (GradMode on = GradMode.enabled()) {
                g = gradients.gradients(loss, theta, false);
            }
            adam.step(lr, g, 1.0);
        }
        return before;
    }
}
