package dev.metatune.algorithms.finetune;

import static dev.metatune.algorithms.training.HyperparameterSupport.intAtLeast;
import static dev.metatune.algorithms.training.HyperparameterSupport.positive;

import dev.metatune.learner.Hyperparameters;

/**
 * The validated hyperparameters of {@code finetune}.
 *
 * @param lr               Adam learning rate of pretraining (1e-3)
 * @param filters          filters of each Conv-4 layer (64)
 * @param finetuneSteps    full-batch SGD steps on the support set at adaptation (100)
 * @param finetuneLr       SGD learning rate at adaptation (0.01)
 * @param finetuneMomentum SGD momentum at adaptation (0.9)
 * @param finetuneDampening SGD dampening at adaptation, in [0, 1] (0.9, as Chen et al.'s code)
 * @param finetuneWeightDecay L2 weight decay at adaptation, {@code >= 0} (1e-3, as Chen et al.'s code)
 * @param freeze           which layers adaptation leaves frozen
 */
public record FinetuneConfig(double lr, int filters, int finetuneSteps, double finetuneLr, double finetuneMomentum,
                             double finetuneDampening, double finetuneWeightDecay, Freeze freeze) {

    public FinetuneConfig {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("hyperparameter 'lr' must be finite and > 0, got " + lr);
        }
        if (filters < 1) {
            throw new IllegalArgumentException("hyperparameter 'filters' must be at least 1, got " + filters);
        }
        if (finetuneSteps < 0) {
            throw new IllegalArgumentException("hyperparameter 'finetune_steps' must be >= 0, got " + finetuneSteps);
        }
        if (!(finetuneLr > 0) || Double.isInfinite(finetuneLr)) {
            throw new IllegalArgumentException("hyperparameter 'finetune_lr' must be finite and > 0, got " + finetuneLr);
        }
        if (!(finetuneMomentum >= 0 && finetuneMomentum < 1)) {
            throw new IllegalArgumentException("hyperparameter 'finetune_momentum' must be in [0, 1), got "
                    + finetuneMomentum);
        }
        if (!(finetuneDampening >= 0 && finetuneDampening <= 1)) {
            throw new IllegalArgumentException("hyperparameter 'finetune_dampening' must be in [0, 1], got "
                    + finetuneDampening);
        }
        if (!(finetuneWeightDecay >= 0) || Double.isInfinite(finetuneWeightDecay)) {
            throw new IllegalArgumentException("hyperparameter 'finetune_weight_decay' must be finite and >= 0, got "
                    + finetuneWeightDecay);
        }
        if (freeze == null) {
            throw new IllegalArgumentException("hyperparameter 'freeze' must be given");
        }
    }

    /** Reads a complete set of values (defaults already merged in). */
    public static FinetuneConfig from(Hyperparameters h) {
        return new FinetuneConfig(positive(h, FinetuneProvider.LR), intAtLeast(h, FinetuneProvider.FILTERS, 1),
                intAtLeast(h, FinetuneProvider.FINETUNE_STEPS, 0), positive(h, FinetuneProvider.FINETUNE_LR),
                h.getDouble(FinetuneProvider.FINETUNE_MOMENTUM), h.getDouble(FinetuneProvider.FINETUNE_DAMPENING),
                h.getDouble(FinetuneProvider.FINETUNE_WEIGHT_DECAY), Freeze.of(h.getString(FinetuneProvider.FREEZE)));
    }
}
