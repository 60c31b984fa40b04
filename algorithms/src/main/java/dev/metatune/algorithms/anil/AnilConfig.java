package dev.metatune.algorithms.anil;

import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.algorithms.training.Backbones;
import dev.metatune.learner.Hyperparameters;

/**
 * Validated settings of one ANIL learner (Raghu et al., ICLR 2020).
 *
 * @param innerLr        step size of the head's inner SGD steps
 * @param innerSteps     inner steps in meta-training
 * @param testInnerSteps inner steps when adapting at test time
 * @param metaBatch      tasks per meta-update
 * @param outerLr        Adam step size of the meta-update
 * @param filters        Conv-4 channels
 * @param convVariant    Conv-4 layout
 * @param hidden         units of the regression body's hidden layers
 * @param transductiveBn queries normalised with their own batch's statistics (else the support set's)
 * @param firstOrder     the head's inner gradients are constants in the meta-gradient
 */
record AnilConfig(double innerLr, int innerSteps, int testInnerSteps, int metaBatch, double outerLr, int filters,
                  Conv4.Variant convVariant, int hidden, boolean transductiveBn, boolean firstOrder) {

    AnilConfig {
        positiveFinite(AnilHyperparameters.INNER_LR, innerLr);
        atLeast(AnilHyperparameters.INNER_STEPS, innerSteps, 1);
        atLeast(AnilHyperparameters.TEST_INNER_STEPS, testInnerSteps, 0);
        atLeast(AnilHyperparameters.META_BATCH, metaBatch, 1);
        positiveFinite(AnilHyperparameters.OUTER_LR, outerLr);
        atLeast(AnilHyperparameters.FILTERS, filters, 1);
        atLeast(AnilHyperparameters.HIDDEN, hidden, 1);
        if (convVariant == null) {
            throw new IllegalArgumentException("hyperparameter '" + AnilHyperparameters.CONV_VARIANT + "' must be set");
        }
    }

    /** Reads a complete set of values (defaults with the configuration on top). */
    static AnilConfig from(Hyperparameters v) {
        return new AnilConfig(v.getDouble(AnilHyperparameters.INNER_LR), v.getInt(AnilHyperparameters.INNER_STEPS),
                v.getInt(AnilHyperparameters.TEST_INNER_STEPS), v.getInt(AnilHyperparameters.META_BATCH),
                v.getDouble(AnilHyperparameters.OUTER_LR), v.getInt(AnilHyperparameters.FILTERS),
                Backbones.variant(AnilHyperparameters.CONV_VARIANT, v.getString(AnilHyperparameters.CONV_VARIANT)),
                v.getInt(AnilHyperparameters.HIDDEN), v.getBoolean(AnilHyperparameters.TRANSDUCTIVE_BN),
                v.getBoolean(AnilHyperparameters.FIRST_ORDER));
    }

    private static void positiveFinite(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' must be a positive finite number, got " + v);
        }
    }

    private static void atLeast(String name, int v, int min) {
        if (v < min) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' must be at least " + min + ", got " + v);
        }
    }
}
