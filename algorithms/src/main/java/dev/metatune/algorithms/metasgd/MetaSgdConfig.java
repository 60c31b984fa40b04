package dev.metatune.algorithms.metasgd;

import static dev.metatune.algorithms.metasgd.MetaSgdHyperparameters.CONV_VARIANT;
import static dev.metatune.algorithms.metasgd.MetaSgdHyperparameters.FILTERS;
import static dev.metatune.algorithms.metasgd.MetaSgdHyperparameters.FIRST_ORDER;
import static dev.metatune.algorithms.metasgd.MetaSgdHyperparameters.HIDDEN;
import static dev.metatune.algorithms.metasgd.MetaSgdHyperparameters.INNER_LR_WIDTH;
import static dev.metatune.algorithms.metasgd.MetaSgdHyperparameters.INNER_LR_LOW;
import static dev.metatune.algorithms.metasgd.MetaSgdHyperparameters.INNER_STEPS;
import static dev.metatune.algorithms.metasgd.MetaSgdHyperparameters.META_BATCH;
import static dev.metatune.algorithms.metasgd.MetaSgdHyperparameters.OUTER_LR;
import static dev.metatune.algorithms.metasgd.MetaSgdHyperparameters.TEST_INNER_STEPS;
import static dev.metatune.algorithms.metasgd.MetaSgdHyperparameters.TRANSDUCTIVE_BN;

import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.algorithms.training.Backbones;
import dev.metatune.learner.Hyperparameters;

/**
 * Validated settings of one Meta-SGD learner (Li, Zhou, Chen and Li 2017).
 *
 * @param innerLrLow     the per-parameter inner learning rates start uniform in [low, low + width]
 * @param innerLrWidth   the width of that range
 * @param innerSteps     inner steps in meta-training (the paper: 1)
 * @param testInnerSteps inner steps at test time (the paper: 1)
 * @param firstOrder     inner gradients as constants (the learning rates still get their gradient)
 */
record MetaSgdConfig(double innerLrLow, double innerLrWidth, int innerSteps, int testInnerSteps, int metaBatch,
                     double outerLr, int filters, Conv4.Variant convVariant, int hidden, boolean transductiveBn,
                     boolean firstOrder) {

    MetaSgdConfig {
        nonNegative(INNER_LR_LOW, innerLrLow);
        nonNegative(INNER_LR_WIDTH, innerLrWidth);
        atLeast(INNER_STEPS, innerSteps, 1);
        atLeast(TEST_INNER_STEPS, testInnerSteps, 0);
        atLeast(META_BATCH, metaBatch, 1);
        if (!(outerLr > 0) || Double.isInfinite(outerLr)) {
            throw new IllegalArgumentException("hyperparameter '" + OUTER_LR + "' must be a positive finite number, got " + outerLr);
        }
        atLeast(FILTERS, filters, 1);
        atLeast(HIDDEN, hidden, 1);
        if (convVariant == null) {
            throw new IllegalArgumentException("hyperparameter '" + CONV_VARIANT + "' must be set");
        }
    }

    static MetaSgdConfig from(Hyperparameters v) {
        return new MetaSgdConfig(v.getDouble(INNER_LR_LOW), v.getDouble(INNER_LR_WIDTH), v.getInt(INNER_STEPS),
                v.getInt(TEST_INNER_STEPS), v.getInt(META_BATCH), v.getDouble(OUTER_LR), v.getInt(FILTERS),
                Backbones.variant(CONV_VARIANT, v.getString(CONV_VARIANT)), v.getInt(HIDDEN), v.getBoolean(TRANSDUCTIVE_BN),
                v.getBoolean(FIRST_ORDER));
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' must be finite and >= 0, got " + v);
        }
    }

    private static void atLeast(String name, int v, int min) {
        if (v < min) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' must be at least " + min + ", got " + v);
        }
    }
}
