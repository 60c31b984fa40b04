package dev.metatune.algorithms.baseline;

import dev.metatune.learner.Hyperparameters;

/**
 * Validated hyperparameters of the transfer baselines (Chen et al. 2019).
 *
 * @param lr                  Adam learning rate of pretraining (1e-3)
 * @param filters             filters of each Conv-4 layer (64)
 * @param trainWays           classes per pretraining batch episode
 * @param trainShots          support images per class in a pretraining batch episode
 * @param trainQueries        query images per class in a pretraining batch episode
 * @param finetuneEpochs      passes over the support set, in shuffled batches, when fitting the new head (100)
 * @param finetuneBatch       support examples per fine-tuning step (4)
 * @param finetuneLr          SGD learning rate of fine-tuning (0.01)
 * @param finetuneMomentum    SGD momentum (0.9)
 * @param finetuneDampening   SGD dampening (0.9)
 * @param finetuneWeightDecay L2 weight decay of fine-tuning (1e-3)
 * @param pretrainScale       cosine head scale in pretraining (baseline-pp only; 0 = Chen et al.'s rule)
 * @param finetuneScale       cosine head scale in fine-tuning (baseline-pp only; 0 = Chen et al.'s rule)
 */
public record BaselineConfig(double lr, int filters, int trainWays, int trainShots, int trainQueries, int finetuneEpochs,
                             int finetuneBatch, double finetuneLr, double finetuneMomentum, double finetuneDampening,
                             double finetuneWeightDecay, double pretrainScale, double finetuneScale) {

    public BaselineConfig {
        check(lr > 0 && !Double.isInfinite(lr), BaselineSpecs.LR, lr, "finite and > 0");
        check(filters >= 1, BaselineSpecs.FILTERS, filters, "at least 1");
        check(trainWays >= 1, BaselineSpecs.TRAIN_WAYS, trainWays, "at least 1");
        check(trainShots >= 1, BaselineSpecs.TRAIN_SHOTS, trainShots, "at least 1");
        check(trainQueries >= 1, BaselineSpecs.TRAIN_QUERIES, trainQueries, "at least 1");
        check(finetuneEpochs >= 0, BaselineSpecs.FINETUNE_EPOCHS, finetuneEpochs, ">= 0");
        check(finetuneBatch >= 1, BaselineSpecs.FINETUNE_BATCH, finetuneBatch, "at least 1");
        check(finetuneLr > 0 && !Double.isInfinite(finetuneLr), BaselineSpecs.FINETUNE_LR, finetuneLr, "finite and > 0");
        check(finetuneMomentum >= 0 && finetuneMomentum < 1, BaselineSpecs.FINETUNE_MOMENTUM, finetuneMomentum, "in [0, 1)");
        check(finetuneDampening >= 0 && finetuneDampening <= 1, BaselineSpecs.FINETUNE_DAMPENING, finetuneDampening,
                "in [0, 1]");
        check(finetuneWeightDecay >= 0 && !Double.isInfinite(finetuneWeightDecay), BaselineSpecs.FINETUNE_WEIGHT_DECAY,
                finetuneWeightDecay, "finite and >= 0");
        check(pretrainScale >= 0 && !Double.isInfinite(pretrainScale), BaselineSpecs.PRETRAIN_SCALE, pretrainScale,
                "finite and >= 0");
        check(finetuneScale >= 0 && !Double.isInfinite(finetuneScale), BaselineSpecs.FINETUNE_SCALE, finetuneScale,
                "finite and >= 0");
    }

    private static void check(boolean ok, String name, double value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' must be " + rule + ", got " + value);
        }
    }

    /** Reads a complete set of values (defaults already merged in). */
    public static BaselineConfig from(Hyperparameters h) {
        return new BaselineConfig(h.getDouble(BaselineSpecs.LR), h.getInt(BaselineSpecs.FILTERS),
                h.getInt(BaselineSpecs.TRAIN_WAYS), h.getInt(BaselineSpecs.TRAIN_SHOTS),
                h.getInt(BaselineSpecs.TRAIN_QUERIES), h.getInt(BaselineSpecs.FINETUNE_EPOCHS),
                h.getInt(BaselineSpecs.FINETUNE_BATCH), h.getDouble(BaselineSpecs.FINETUNE_LR),
                h.getDouble(BaselineSpecs.FINETUNE_MOMENTUM), h.getDouble(BaselineSpecs.FINETUNE_DAMPENING),
                h.getDouble(BaselineSpecs.FINETUNE_WEIGHT_DECAY), h.getDouble(BaselineSpecs.PRETRAIN_SCALE),
                h.getDouble(BaselineSpecs.FINETUNE_SCALE));
    }

    /** The cosine scale for a head over {@code classes} classes: the configured one, or Chen et al.'s rule when 0. */
    static double scaleFor(double configured, int classes) {
        return configured > 0 ? configured : CosineHead.defaultScale(classes);
    }
}
