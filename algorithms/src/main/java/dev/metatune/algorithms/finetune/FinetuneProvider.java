package dev.metatune.algorithms.finetune;

import static dev.metatune.algorithms.training.HyperparameterSupport.intsFrom;

import dev.metatune.algorithms.training.ClassifierProvider;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.space.Distribution;
import dev.metatune.space.Domain;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.List;

/**
 * {@code finetune}: the classic transfer-learning recipe (pretrain, then fine-tune), as compared in
 * Chen, Liu, Kira, Wang and Huang, "A Closer Look at Few-shot Classification", ICLR 2019: a Conv-4
 * network with a linear classifier pretrained on all meta-train classes (as {@code baseline}), then,
 * at adaptation, a new linear head and, unlike {@code baseline}, the backbone's layers too
 * fine-tuned on the support set ({@code freeze} chooses which stay frozen). No published results are
 * declared: the papers report full fine-tuning of this backbone only in settings that differ from
 * this recipe's.
 */
public final class FinetuneProvider extends ClassifierProvider {

    public static final String NAME = "finetune";
    public static final String LR = "lr";
    public static final String FILTERS = "filters";
    public static final String TRAIN_WAYS = "train_ways";
    public static final String TRAIN_SHOTS = "train_shots";
    public static final String TRAIN_QUERIES = "train_queries";
    public static final String FINETUNE_STEPS = "finetune_steps";
    public static final String FINETUNE_LR = "finetune_lr";
    public static final String FINETUNE_MOMENTUM = "finetune_momentum";
    public static final String FINETUNE_DAMPENING = "finetune_dampening";
    public static final String FINETUNE_WEIGHT_DECAY = "finetune_weight_decay";
    public static final String FREEZE = "freeze";

    private static final List<HyperparameterSpec> SPECS = List.of(
            new HyperparameterSpec(LR, Domain.Real.positive(), 1e-3, Distribution.FloatRange.logScale(1e-4, 1e-2),
                    "Adam learning rate of pretraining (Chen et al.: 1e-3)"),
            new HyperparameterSpec(FILTERS, intsFrom(1), 64, new Distribution.Categorical(List.of(32, 64)),
                    "filters of each Conv-4 layer (64)"),
            new HyperparameterSpec(TRAIN_WAYS, intsFrom(1), 8, new Distribution.IntRange(4, 64, 4, false),
                    "classes per pretraining batch (8 ways x (1 + 1) images = Chen et al.'s batch of 16)"),
            new HyperparameterSpec(TRAIN_SHOTS, intsFrom(1), 1, Distribution.IntRange.of(1, 5),
                    "support images per class in a pretraining batch (all images are used alike)"),
            new HyperparameterSpec(TRAIN_QUERIES, intsFrom(1), 1, Distribution.IntRange.of(1, 5),
                    "query images per class in a pretraining batch (all images are used alike)"),
            new HyperparameterSpec(FINETUNE_STEPS, intsFrom(0), 100, new Distribution.IntRange(10, 300, 10, false),
                    "full-batch SGD steps on the support set at adaptation (Chen et al.'s 100 iterations)"),
            new HyperparameterSpec(FINETUNE_LR, Domain.Real.positive(), 0.01, Distribution.FloatRange.logScale(1e-3, 1e-1),
                    "SGD learning rate at adaptation (Chen et al.: 0.01)"),
            new HyperparameterSpec(FINETUNE_MOMENTUM, new Domain.Real(0, 1, true, false), 0.9,
                    Distribution.FloatRange.linear(0, 0.95), "SGD momentum at adaptation (Chen et al.: 0.9)"),
            new HyperparameterSpec(FINETUNE_DAMPENING, Domain.Real.closed(0, 1), 0.9, Distribution.FloatRange.linear(0, 0.9),
                    "SGD dampening at adaptation (Chen et al.'s code: 0.9; with 0, momentum 0.9 takes steps ten times"
                            + " as long at the same learning rate)"),
            new HyperparameterSpec(FINETUNE_WEIGHT_DECAY, Domain.Real.nonNegative(), 1e-3,
                    Distribution.FloatRange.linear(0, 1e-2), "L2 weight decay at adaptation (Chen et al.'s code: 1e-3)"),
            new HyperparameterSpec(FREEZE, Domain.Choice.of("none", "backbone-except-last", "backbone"), "none",
                    new Distribution.Categorical(List.of("none", "backbone-except-last", "backbone")),
                    "layers left frozen at adaptation: none (all fine-tuned), backbone-except-last (last conv block "
                            + "and head), backbone (head only)"));

    public FinetuneProvider() {
        super(NAME, "Fine-tuning: pretrained Conv-4 + new head, all layers fine-tuned on the support set "
                + "(transfer-learning baseline, Chen et al. 2019)",
                SPECS, List.of());
    }

    /** Pretraining batches of {@code train_ways} x ({@code train_shots} + {@code train_queries}) images. */
    @Override
    public TaskSpec trainingSpec(Hyperparameters hyperparameters, TaskSpec testSpec) {
        Hyperparameters all = complete(hyperparameters);
        return new TaskSpec(all.getInt(TRAIN_WAYS), all.getInt(TRAIN_SHOTS), all.getInt(TRAIN_QUERIES));
    }

    @Override
    public List<String> describe(Hyperparameters hyperparameters, TaskKind kind) {
        Hyperparameters all = complete(hyperparameters);
        return List.of(all.getInt(FINETUNE_STEPS) + " fine-tuning steps, frozen: " + all.getString(FREEZE));
    }

    @Override
    protected MetaLearner createLearner(Hyperparameters resolved, LearnerContext context) {
        return new FinetuneLearner(FinetuneConfig.from(resolved), context);
    }
}
