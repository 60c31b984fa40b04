package dev.metatune.algorithms.mamlpp;

import static dev.metatune.algorithms.mamlpp.MamlppHyperparameters.*;

import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.algorithms.training.Backbones;
import dev.metatune.learner.Hyperparameters;

/**
 * Validated settings of one MAML++ learner (Antoniou, Edwards and Storkey, ICLR 2019), with the
 * schedules that depend on the meta-step: multi-step loss weights, derivative order and the outer
 * step size.
 */
record MamlppConfig(double innerLr, int innerSteps, int testInnerSteps, int metaBatch, double outerLr, double minOuterLr,
                    int iterationsPerEpoch, int totalEpochs, boolean multiStepLoss, int mslEpochs, boolean lslr,
                    boolean perStepBnWeights, boolean perStepBnStats, double bnMomentum, int firstOrderEpochs,
                    boolean cosineAnnealing, int filters, Conv4.Variant convVariant, boolean transductiveBn) {

    MamlppConfig {
        positive(INNER_LR, innerLr);
        atLeast(INNER_STEPS, innerSteps, 1);
        atLeast(TEST_INNER_STEPS, testInnerSteps, 0);
        atLeast(META_BATCH, metaBatch, 1);
        positive(OUTER_LR, outerLr);
        if (!(minOuterLr >= 0) || Double.isInfinite(minOuterLr)) {
            throw new IllegalArgumentException("hyperparameter '" + MIN_OUTER_LR + "' must be finite and >= 0, got " + minOuterLr);
        }
        atLeast(ITERATIONS_PER_EPOCH, iterationsPerEpoch, 1);
        atLeast(TOTAL_EPOCHS, totalEpochs, 1);
        atLeast(MSL_EPOCHS, mslEpochs, 1);
        if (!(bnMomentum >= 0 && bnMomentum <= 1)) {
            throw new IllegalArgumentException("hyperparameter '" + BN_MOMENTUM + "' must be in [0, 1], got " + bnMomentum);
        }
        atLeast(FIRST_ORDER_EPOCHS, firstOrderEpochs, 0);
        atLeast(FILTERS, filters, 1);
        if (convVariant == null) {
            throw new IllegalArgumentException("hyperparameter '" + CONV_VARIANT + "' must be set");
        }
    }

    static MamlppConfig from(Hyperparameters v) {
        return new MamlppConfig(v.getDouble(INNER_LR), v.getInt(INNER_STEPS), v.getInt(TEST_INNER_STEPS), v.getInt(META_BATCH),
                v.getDouble(OUTER_LR), v.getDouble(MIN_OUTER_LR), v.getInt(ITERATIONS_PER_EPOCH), v.getInt(TOTAL_EPOCHS),
                v.getBoolean(MULTI_STEP_LOSS), v.getInt(MSL_EPOCHS), v.getBoolean(LSLR), v.getBoolean(PER_STEP_BN_WEIGHTS),
                v.getBoolean(PER_STEP_BN_STATS), v.getDouble(BN_MOMENTUM), v.getInt(FIRST_ORDER_EPOCHS),
                v.getBoolean(COSINE_ANNEALING), v.getInt(FILTERS), Backbones.variant(CONV_VARIANT, v.getString(CONV_VARIANT)),
                v.getBoolean(TRANSDUCTIVE_BN));
    }

    /** The (whole) epoch meta-step {@code step} belongs to. */
    long epoch(long step) {
        return step / iterationsPerEpoch;
    }

    /**
     * The weights of the query losses after inner steps 1..N at meta-step {@code step}, as the
     * reference code computes them (MSL): all 1/N at epoch 0, the non-final ones falling by
     * 1/(N msl_epochs) per epoch to a floor of 0.03/N, the final one rising to match; from epoch
     * {@code msl_epochs} on, or without MSL, only the final loss (weight 1).
     */
    double[] lossWeights(long step) {
        int n = innerSteps;
        double[] w = new double[n];
        long e = epoch(step);
        if (!multiStepLoss || e >= mslEpochs) {
            w[n - 1] = 1.0;
            return w;
        }
        double decay = 1.0 / n / mslEpochs;
        double floor = 0.03 / n;
        for (int i = 0; i < n - 1; i++) {
            w[i] = Math.max(1.0 / n - e * decay, floor);
        }
        w[n - 1] = Math.min(1.0 / n + e * (n - 1) * decay, 1.0 - (n - 1) * floor);
        return w;
    }

    /** Whether meta-step {@code step} uses the exact second-order meta-gradient (DA: first order before). */
    boolean secondOrderAt(long step) {
        return epoch(step) >= firstOrderEpochs;
    }

    /**
     * The outer step size at meta-step {@code step} (CA): {@code min + (lr - min)(1 + cos(pi e / E)) / 2}
     * for epoch e of E = {@code total_epochs}, stepped once per epoch as the reference code's
     * scheduler; {@code min_outer_lr} from epoch E on; constant {@code outer_lr} without CA.
     */
    double outerLrAt(long step) {
        if (!cosineAnnealing) {
            return outerLr;
        }
        double e = Math.min(epoch(step), totalEpochs);
        return minOuterLr + (outerLr - minOuterLr) * (1 + Math.cos(Math.PI * e / totalEpochs)) / 2;
    }

    /** The per-step set (BatchNorm, learning rates) inner step {@code s} uses: its own, or the last for later steps. */
    int stepIndex(int s) {
        return Math.min(s, innerSteps - 1);
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
