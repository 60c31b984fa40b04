package dev.metatune.algorithms.reptile;

import static dev.metatune.algorithms.reptile.ReptileHyperparameters.*;

import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.algorithms.training.Backbones;
import dev.metatune.learner.Hyperparameters;

/**
 * Validated settings of one Reptile learner (Nichol, Achiam and Schulman 2018).
 *
 * @param adam            inner Adam (else plain SGD)
 * @param innerLr         inner step size
 * @param beta1           inner Adam's beta1
 * @param persistentAdam  inner Adam's moments and step count carried from task to task and meta-step
 *                        to meta-step, the tasks of a batch run in order (only with {@code adam})
 * @param innerSteps      inner iterations per task in meta-training
 * @param innerBatch      examples per inner minibatch in meta-training
 * @param testInnerSteps  inner iterations at test time
 * @param testInnerBatch  examples per inner minibatch at test time
 * @param outerStep       initial outer step size
 * @param outerSteps      meta-steps over which the outer step size falls linearly to 0
 * @param metaBatch       tasks per meta-update (1: serial Reptile)
 * @param transductiveBn  test queries normalised with their own batch's statistics
 */
record ReptileConfig(boolean adam, double innerLr, double beta1, boolean persistentAdam, int innerSteps, int innerBatch, int testInnerSteps,
                     int testInnerBatch, double outerStep, int outerSteps, int metaBatch, int filters,
                     Conv4.Variant convVariant, int hidden, boolean transductiveBn) {

    ReptileConfig {
        if (!(innerLr > 0) || Double.isInfinite(innerLr)) {
            throw new IllegalArgumentException("hyperparameter '" + INNER_LR + "' must be a positive finite number, got " + innerLr);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("hyperparameter '" + INNER_ADAM_BETA1 + "' must be in [0, 1), got " + beta1);
        }
        if (persistentAdam && !adam) {
            throw new IllegalArgumentException("a persistent inner Adam state needs the inner Adam");
        }
        atLeast(INNER_STEPS, innerSteps, 1);
        atLeast(INNER_BATCH, innerBatch, 1);
        atLeast(TEST_INNER_STEPS, testInnerSteps, 0);
        atLeast(TEST_INNER_BATCH, testInnerBatch, 1);
        if (!(outerStep > 0) || Double.isInfinite(outerStep)) {
            throw new IllegalArgumentException("hyperparameter '" + OUTER_STEP + "' must be a positive finite number, got " + outerStep);
        }
        atLeast(OUTER_STEPS, outerSteps, 1);
        atLeast(META_BATCH, metaBatch, 1);
        atLeast(FILTERS, filters, 1);
        atLeast(HIDDEN, hidden, 1);
        if (convVariant == null) {
            throw new IllegalArgumentException("hyperparameter '" + CONV_VARIANT + "' must be set");
        }
    }

    static ReptileConfig from(Hyperparameters v) {
        boolean adam = ADAM.equals(v.getString(INNER_OPTIMIZER));
        return new ReptileConfig(adam, v.getDouble(INNER_LR), v.getDouble(INNER_ADAM_BETA1),
                adam && PERSISTENT.equals(v.getString(INNER_ADAM_STATE)),
                v.getInt(INNER_STEPS), v.getInt(INNER_BATCH), v.getInt(TEST_INNER_STEPS), v.getInt(TEST_INNER_BATCH),
                v.getDouble(OUTER_STEP), v.getInt(OUTER_STEPS), v.getInt(META_BATCH), v.getInt(FILTERS),
                Backbones.variant(CONV_VARIANT, v.getString(CONV_VARIANT)), v.getInt(HIDDEN), v.getBoolean(TRANSDUCTIVE_BN));
    }

    /**
     * The outer step size of meta-step {@code step} (0-based): {@code outer_step * (1 - step / outer_steps)},
     * 0 from {@code outer_steps} on (the paper's linear annealing to 0).
     */
    double outerStepAt(long step) {
        double done = Math.min(1.0, (double) step / outerSteps);
        return outerStep * (1.0 - done);
    }

    private static void atLeast(String name, int v, int min) {
        if (v < min) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' must be at least " + min + ", got " + v);
        }
    }
}
