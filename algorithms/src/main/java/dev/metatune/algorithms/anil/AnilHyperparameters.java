package dev.metatune.algorithms.anil;

import static dev.metatune.algorithms.training.HyperparameterSupport.intsFrom;

import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.space.Distribution;
import dev.metatune.space.Domain;
import java.util.List;
import java.util.Map;

/**
 * The hyperparameters of {@code anil}. Raghu et al. (ICLR 2020, section 4 and appendix) train ANIL
 * with MAML's hyperparameters and network (Finn et al. 2017): inner lr 0.4, meta-batch 32, Adam 1e-3,
 * and, for classification, MAML's 5 inner steps (its 20-way Omniglot and mini-ImageNet setting, the
 * settings of the paper's tables) with 10 at test, rather than the single step MAML takes for 5-way
 * Omniglot: one SGD step of the head alone, from a head that cannot know the episode's labels, leaves
 * it under-adapted (on real Omniglot 5-way 5-shot, 200 meta-steps of 8 tasks: 63.0% with 1 step and
 * 3 at test, 82.7% with 5 and 10, first-order MAML with 1 and 3 82.1%), while the head's steps cost
 * little since the body's features are computed once per task. For sinusoids MAML's regression ones
 * (1 step, 10 at test, inner lr 0.01, 25 tasks); second order by default, as the paper's ANIL.
 */
final class AnilHyperparameters {

    static final String INNER_LR = "inner_lr";
    static final String INNER_STEPS = "inner_steps";
    static final String TEST_INNER_STEPS = "test_inner_steps";
    static final String META_BATCH = "meta_batch";
    static final String OUTER_LR = "outer_lr";
    static final String FILTERS = "filters";
    static final String CONV_VARIANT = "conv_variant";
    static final String HIDDEN = "hidden";
    static final String TRANSDUCTIVE_BN = "transductive_bn";
    static final String FIRST_ORDER = "first_order";

    /** MAML's regression values (Finn et al. 2017, sinusoids), where they differ from classification's. */
    static final Map<String, Object> REGRESSION_DEFAULTS = Map.of(INNER_LR, 0.01, INNER_STEPS, 1, META_BATCH, 25);

    private AnilHyperparameters() {
    }

    static List<HyperparameterSpec> specs() {
        return List.of(
                new HyperparameterSpec(INNER_LR, Domain.Real.positive(), 0.4, Distribution.FloatRange.logScale(0.01, 1.0),
                        "step size of the head's inner SGD steps (0.4 classification, 0.01 regression)"),
                new HyperparameterSpec(INNER_STEPS, intsFrom(1), 5, Distribution.IntRange.of(1, 10),
                        "inner SGD steps of the head during meta-training (5 classification, 1 regression)"),
                new HyperparameterSpec(TEST_INNER_STEPS, intsFrom(0), 10, Distribution.IntRange.of(1, 20),
                        "inner SGD steps of the head when adapting at test time"),
                new HyperparameterSpec(META_BATCH, intsFrom(1), 32, Distribution.IntRange.of(1, 64),
                        "tasks per meta-update (32 classification, 25 regression)"),
                new HyperparameterSpec(OUTER_LR, Domain.Real.positive(), 1e-3, Distribution.FloatRange.logScale(1e-4, 1e-2),
                        "Adam step size of the meta-update"),
                new HyperparameterSpec(FILTERS, intsFrom(1), 64, new Distribution.Categorical(List.of(32, 64)),
                        "channels of every Conv-4 block (classification)"),
                new HyperparameterSpec(CONV_VARIANT, Domain.Choice.of("strided", "pooled"), "strided",
                        new Distribution.Categorical(List.of("strided", "pooled")),
                        "Conv-4 layout: 'strided' (MAML's Omniglot network) or 'pooled' (its mini-ImageNet network)"),
                new HyperparameterSpec(HIDDEN, intsFrom(1), 40, new Distribution.Categorical(List.of(40, 80)),
                        "units of both hidden layers of the regression MLP (the second is the body's output)"),
                new HyperparameterSpec(TRANSDUCTIVE_BN, new Domain.Bool(), true, new Distribution.Categorical(List.of(true, false)),
                        "true: BatchNorm uses the statistics of the batch it normalises (query batch at test, as MAML's code);"
                                + " false: queries are normalised with the support set's statistics"),
                new HyperparameterSpec(FIRST_ORDER, new Domain.Bool(), false, new Distribution.Categorical(List.of(false, true)),
                        "false: exact meta-gradient, second order through the head's inner steps; true: the head's inner"
                                + " gradients are constants"));
    }
}
