package dev.metatune.algorithms.baseline;

import static dev.metatune.algorithms.training.HyperparameterSupport.intsFrom;

import dev.metatune.space.Distribution;
import dev.metatune.space.Domain;
import dev.metatune.learner.HyperparameterSpec;
import java.util.List;

/**
 * The hyperparameters shared by {@code baseline} and {@code baseline-pp}, with Chen et al. 2019's
 * defaults; each domain is exactly what {@link BaselineConfig} accepts.
 */
final class BaselineSpecs {

    static final String LR = "lr";
    static final String FILTERS = "filters";
    static final String TRAIN_WAYS = "train_ways";
    static final String TRAIN_SHOTS = "train_shots";
    static final String TRAIN_QUERIES = "train_queries";
    static final String FINETUNE_EPOCHS = "finetune_epochs";
    static final String FINETUNE_BATCH = "finetune_batch";
    static final String FINETUNE_LR = "finetune_lr";
    static final String FINETUNE_MOMENTUM = "finetune_momentum";
    static final String FINETUNE_DAMPENING = "finetune_dampening";
    static final String FINETUNE_WEIGHT_DECAY = "finetune_weight_decay";
    static final String PRETRAIN_SCALE = "pretrain_scale";
    static final String FINETUNE_SCALE = "finetune_scale";

    static final List<HyperparameterSpec> SPECS = List.of(
            new HyperparameterSpec(LR, Domain.Real.positive(), 1e-3, Distribution.FloatRange.logScale(1e-4, 1e-2),
                    "Adam learning rate of pretraining (Chen et al.: 1e-3)"),
            new HyperparameterSpec(FILTERS, intsFrom(1), 64, new Distribution.Categorical(List.of(32, 64)),
                    "filters of each Conv-4 layer (64)"),
            new HyperparameterSpec(TRAIN_WAYS, intsFrom(1), 8, new Distribution.IntRange(4, 64, 4, false),
                    "classes per pretraining batch; the runner builds training batches with it "
                            + "(8 ways x (1 + 1) images = Chen et al.'s batch of 16)"),
            new HyperparameterSpec(TRAIN_SHOTS, intsFrom(1), 1, Distribution.IntRange.of(1, 5),
                    "support images per class in a pretraining batch (all images are used alike)"),
            new HyperparameterSpec(TRAIN_QUERIES, intsFrom(1), 1, Distribution.IntRange.of(1, 5),
                    "query images per class in a pretraining batch (all images are used alike)"),
            new HyperparameterSpec(FINETUNE_EPOCHS, intsFrom(0), 100, new Distribution.IntRange(10, 300, 10, false),
                    "passes over the support set (shuffled, in batches of finetune_batch) when fitting the new head "
                            + "(Chen et al.'s 100 iterations, each a pass in their code)"),
            new HyperparameterSpec(FINETUNE_BATCH, intsFrom(1), 4, Distribution.IntRange.of(1, 16),
                    "support examples per fine-tuning step (Chen et al.: 4)"),
            new HyperparameterSpec(FINETUNE_LR, Domain.Real.positive(), 0.01, Distribution.FloatRange.logScale(1e-3, 1e-1),
                    "SGD learning rate of fine-tuning (Chen et al.: 0.01)"),
            new HyperparameterSpec(FINETUNE_MOMENTUM, new Domain.Real(0, 1, true, false), 0.9, Distribution.FloatRange.linear(0, 0.95),
                    "SGD momentum of fine-tuning (Chen et al.: 0.9)"),
            new HyperparameterSpec(FINETUNE_DAMPENING, Domain.Real.closed(0, 1), 0.9, Distribution.FloatRange.linear(0, 0.9),
                    "SGD dampening of fine-tuning (Chen et al.'s code: 0.9)"),
            new HyperparameterSpec(FINETUNE_WEIGHT_DECAY, Domain.Real.nonNegative(), 1e-3, Distribution.FloatRange.linear(0, 1e-2),
                    "L2 weight decay of fine-tuning (Chen et al.: 1e-3)"),
            new HyperparameterSpec(PRETRAIN_SCALE, Domain.Real.nonNegative(), 0.0, Distribution.FloatRange.linear(0, 30),
                    "baseline-pp: cosine scale of the pretraining head; 0 = Chen et al.'s rule (2 up to 200 classes, "
                            + "10 above)"),
            new HyperparameterSpec(FINETUNE_SCALE, Domain.Real.nonNegative(), 0.0, Distribution.FloatRange.linear(0, 30),
                    "baseline-pp: cosine scale of the fine-tuned head; 0 = Chen et al.'s rule (2 up to 200 classes, "
                            + "10 above)"));

    private BaselineSpecs() {
    }
}
