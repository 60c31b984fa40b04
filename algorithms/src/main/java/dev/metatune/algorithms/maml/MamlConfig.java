package dev.metatune.algorithms.maml;

import static dev.metatune.algorithms.maml.MamlHyperparameters.CONV_VARIANT;
import static dev.metatune.algorithms.maml.MamlHyperparameters.FILTERS;
import static dev.metatune.algorithms.maml.MamlHyperparameters.FIRST_ORDER;
import static dev.metatune.algorithms.maml.MamlHyperparameters.FIRST_ORDER_UNTIL_STEP;
import static dev.metatune.algorithms.maml.MamlHyperparameters.HIDDEN;
import static dev.metatune.algorithms.maml.MamlHyperparameters.INNER_LR;
import static dev.metatune.algorithms.maml.MamlHyperparameters.INNER_STEPS;
import static dev.metatune.algorithms.maml.MamlHyperparameters.META_BATCH;
import static dev.metatune.algorithms.maml.MamlHyperparameters.OUTER_LR;
import static dev.metatune.algorithms.maml.MamlHyperparameters.TEST_INNER_STEPS;
import static dev.metatune.algorithms.maml.MamlHyperparameters.TRANSDUCTIVE_BN;

import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.learner.Hyperparameters;

/**
 * Validated settings of one MAML learner (Finn, Abbeel and Levine, ICML 2017).
 *
 * @param firstOrder          always use the first-order approximation ({@code first_order}; Nichol et al.
 *                            2018's FOMAML)
 * @param firstOrderUntilStep meta-steps 0..n-1 use the first-order approximation, later ones the
 *                            exact meta-gradient (0: exact from the start); ignored when firstOrder
 */
public record MamlConfig(double innerLr, int innerSteps, int testInnerSteps, int metaBatch, double outerLr,
                         int filters, Conv4.Variant convVariant, int hidden, boolean transductiveBn,
                         boolean firstOrder, int firstOrderUntilStep) {

    public MamlConfig {
        positiveFinite(INNER_LR, innerLr);
        atLeast(INNER_STEPS, innerSteps, 1);
        atLeast(TEST_INNER_STEPS, testInnerSteps, 0);
        atLeast(META_BATCH, metaBatch, 1);
        positiveFinite(OUTER_LR, outerLr);
        atLeast(FILTERS, filters, 1);
        atLeast(HIDDEN, hidden, 1);
        atLeast(FIRST_ORDER_UNTIL_STEP, firstOrderUntilStep, 0);
        if (convVariant == null) {
            throw new IllegalArgumentException("hyperparameter '" + CONV_VARIANT + "' must be set");
        }
    }

    /**
     * Reads a complete set of values (defaults with the configuration on top, already checked against
     * the declared domains); {@code first_order_until_step} only applies to second order.
     */
    static MamlConfig from(Hyperparameters values) {
        String variant = values.getString(CONV_VARIANT);
        Conv4.Variant v = switch (variant) {
            case "strided" -> Conv4.Variant.STRIDED;
            case "pooled" -> Conv4.Variant.POOLED;
            default -> throw new IllegalArgumentException("hyperparameter '" + CONV_VARIANT
                    + "' must be 'strided' or 'pooled', got '" + variant + "'");
        };
        boolean firstOrder = values.getBoolean(FIRST_ORDER);
        return new MamlConfig(values.getDouble(INNER_LR), values.getInt(INNER_STEPS), values.getInt(TEST_INNER_STEPS),
                values.getInt(META_BATCH), values.getDouble(OUTER_LR), values.getInt(FILTERS), v, values.getInt(HIDDEN),
                values.getBoolean(TRANSDUCTIVE_BN), firstOrder, firstOrder ? 0 : values.getInt(FIRST_ORDER_UNTIL_STEP));
    }

    /** Whether meta-step {@code step} (0-based) uses the exact second-order meta-gradient. */
    public boolean secondOrderAt(long step) {
        return !firstOrder && step >= firstOrderUntilStep;
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
