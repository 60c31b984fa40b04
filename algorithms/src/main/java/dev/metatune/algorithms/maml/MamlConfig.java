package dev.metatune.algorithms.maml;

import static dev.metatune.algorithms.maml.MamlHyperparameters.CONV_VARIANT;
import static dev.metatune.algorithms.maml.MamlHyperparameters.FILTERS;
import static dev.metatune.algorithms.maml.MamlHyperparameters.FIRST_ORDER_UNTIL_STEP;
import static dev.metatune.algorithms.maml.MamlHyperparameters.HIDDEN;
import static dev.metatune.algorithms.maml.MamlHyperparameters.INNER_LR;
import static dev.metatune.algorithms.maml.MamlHyperparameters.INNER_STEPS;
import static dev.metatune.algorithms.maml.MamlHyperparameters.META_BATCH;
import static dev.metatune.algorithms.maml.MamlHyperparameters.OUTER_LR;
import static dev.metatune.algorithms.maml.MamlHyperparameters.TEST_INNER_STEPS;
import static dev.metatune.algorithms.maml.MamlHyperparameters.TRANSDUCTIVE_BN;

import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validated settings of one MAML learner (Finn, Abbeel and Levine, ICML 2017).
 *
 * @param firstOrder          always use the first-order approximation (Nichol et al. 2018's FOMAML)
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

    /** Reads and validates {@code values}; unknown names are an error naming them. */
    static MamlConfig from(Hyperparameters values, List<HyperparameterSpec> specs, boolean firstOrder) {
        Set<String> known = new TreeSet<>();
        specs.forEach(s -> known.add(s.name()));
        for (String name : values.asMap().keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown hyperparameter '" + name + "' = '" + values.asMap().get(name)
                        + "' for " + (firstOrder ? "fomaml" : "maml") + "; known: " + known);
            }
        }
        String variant = values.getString(CONV_VARIANT);
        Conv4.Variant v = switch (variant) {
            case "strided" -> Conv4.Variant.STRIDED;
            case "pooled" -> Conv4.Variant.POOLED;
            default -> throw new IllegalArgumentException("hyperparameter '" + CONV_VARIANT
                    + "' must be 'strided' or 'pooled', got '" + variant + "'");
        };
        return new MamlConfig(values.getDouble(INNER_LR), values.getInt(INNER_STEPS), values.getInt(TEST_INNER_STEPS),
                values.getInt(META_BATCH), values.getDouble(OUTER_LR), values.getInt(FILTERS), v, values.getInt(HIDDEN),
                values.getBoolean(TRANSDUCTIVE_BN), firstOrder,
                firstOrder || !values.has(FIRST_ORDER_UNTIL_STEP) ? 0 : values.getInt(FIRST_ORDER_UNTIL_STEP));
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
