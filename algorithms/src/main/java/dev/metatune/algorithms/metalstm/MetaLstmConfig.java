package dev.metatune.algorithms.metalstm;

import static dev.metatune.algorithms.metalstm.MetaLstmHyperparameters.*;

import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.algorithms.training.Backbones;
import dev.metatune.learner.Hyperparameters;

/** Validated settings of one LSTM meta-learner (Ravi and Larochelle, ICLR 2017). */
record MetaLstmConfig(int innerSteps, int testInnerSteps, int hidden, int metaBatch, double outerLr, double maxGradNorm,
                      int filters, Conv4.Variant convVariant, boolean transductiveBn) {

    MetaLstmConfig {
        atLeast(INNER_STEPS, innerSteps, 1);
        atLeast(TEST_INNER_STEPS, testInnerSteps, 0);
        atLeast(HIDDEN, hidden, 1);
        atLeast(META_BATCH, metaBatch, 1);
        positive(OUTER_LR, outerLr);
        positive(MAX_GRAD_NORM, maxGradNorm);
        atLeast(FILTERS, filters, 1);
        if (convVariant == null) {
            throw new IllegalArgumentException("hyperparameter '" + CONV_VARIANT + "' must be set");
        }
    }

    static MetaLstmConfig from(Hyperparameters v) {
        return new MetaLstmConfig(v.getInt(INNER_STEPS), v.getInt(TEST_INNER_STEPS), v.getInt(HIDDEN), v.getInt(META_BATCH),
                v.getDouble(OUTER_LR), v.getDouble(MAX_GRAD_NORM), v.getInt(FILTERS),
                Backbones.variant(CONV_VARIANT, v.getString(CONV_VARIANT)), v.getBoolean(TRANSDUCTIVE_BN));
    }

    private static void positive(String name, double v) {
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
