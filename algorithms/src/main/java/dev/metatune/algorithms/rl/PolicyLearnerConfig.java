package dev.metatune.algorithms.rl;

import java.util.Objects;

/**
 * Validated settings of a {@link PolicyMetaLearner}.
 *
 * @param stateName           the algorithm name its learner state is saved under
 * @param hidden              units of both hidden layers of the policy's mean (100 in the paper)
 * @param innerLr             step size of the vanilla policy-gradient steps (0.1 in the paper)
 * @param innerSteps          policy-gradient steps inside the meta-objective during training (0: the
 *                            objective is that of one policy over all tasks)
 * @param testSteps           adaptation steps whose return is the headline score
 * @param metaBatch           tasks per meta-update (20 for 2D navigation in the paper)
 * @param outerStep           TRPO, the first-order PPO-style step, Reptile's step, or none
 * @param maxKl               the trust region's bound on the mean KL divergence (0.01)
 * @param outerLr             Adam's step size in the PPO-style outer step; Reptile's initial outer step
 *                            size epsilon (ignored by TRPO)
 * @param firstOrder          inner gradients as constants (first-order MAML)
 * @param firstOrderUntilStep meta-steps 0..n-1 first order, later exact; ignored when firstOrder
 * @param discount            discount of the returns the baseline fits (0.99)
 * @param outerAnnealSteps    Reptile: meta-steps over which epsilon falls linearly to 0 (0: constant)
 */
public record PolicyLearnerConfig(String stateName, int hidden, double innerLr, int innerSteps, int testSteps,
                                  int metaBatch, OuterStep outerStep, double maxKl, double outerLr, boolean firstOrder,
                                  int firstOrderUntilStep, double discount, int outerAnnealSteps) {

    /** The discount of Finn et al.'s RL experiments (rllab's default). */
    public static final double DISCOUNT = 0.99;

    /** Settings whose outer step size is not annealed. */
    public PolicyLearnerConfig(String stateName, int hidden, double innerLr, int innerSteps, int testSteps, int metaBatch,
                               OuterStep outerStep, double maxKl, double outerLr, boolean firstOrder, int firstOrderUntilStep,
                               double discount) {
        this(stateName, hidden, innerLr, innerSteps, testSteps, metaBatch, outerStep, maxKl, outerLr, firstOrder,
                firstOrderUntilStep, discount, 0);
    }

    public PolicyLearnerConfig {
        Objects.requireNonNull(stateName, "stateName");
        Objects.requireNonNull(outerStep, "outerStep");
        atLeast("hidden", hidden, 1);
        atLeast("inner_steps", innerSteps, 0);
        atLeast("test_inner_steps", testSteps, 0);
        atLeast("meta_batch", metaBatch, 1);
        atLeast("first_order_until_step", firstOrderUntilStep, 0);
        atLeast("outer_steps", outerAnnealSteps, 0);
        if (outerStep == OuterStep.REPTILE && innerSteps < 1) {
            throw new IllegalArgumentException("hyperparameter 'inner_steps' must be at least 1 for Reptile's update, got "
                    + innerSteps);
        }
        if (!(innerLr > 0) || Double.isInfinite(innerLr)) {
            throw new IllegalArgumentException("hyperparameter 'inner_lr' must be a positive finite number, got " + innerLr);
        }
        if (!(maxKl > 0) || Double.isInfinite(maxKl)) {
            throw new IllegalArgumentException("hyperparameter 'max_kl' must be a positive finite number, got " + maxKl);
        }
        if (!(outerLr > 0) || Double.isInfinite(outerLr)) {
            throw new IllegalArgumentException("hyperparameter 'outer_lr' must be a positive finite number, got " + outerLr);
        }
        if (!(discount > 0 && discount <= 1)) {
            throw new IllegalArgumentException("discount must be in (0, 1], got " + discount);
        }
    }

    /** Reptile's outer step size at meta-step {@code step} (0-based): epsilon annealed linearly to 0, or constant. */
    public double reptileStepAt(long step) {
        return outerAnnealSteps == 0 ? outerLr : outerLr * (1.0 - Math.min(1.0, (double) step / outerAnnealSteps));
    }

    /** Whether meta-step {@code step} differentiates through the inner steps exactly. */
    public boolean secondOrderAt(long step) {
        return !firstOrder && step >= firstOrderUntilStep;
    }

    private static void atLeast(String name, int v, int min) {
        if (v < min) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' must be at least " + min + ", got " + v);
        }
    }
}
