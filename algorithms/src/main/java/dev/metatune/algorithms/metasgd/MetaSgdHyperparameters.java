package dev.metatune.algorithms.metasgd;

import static dev.metatune.algorithms.training.HyperparameterSupport.intsFrom;

import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.space.Distribution;
import dev.metatune.space.Domain;
import java.util.List;
import java.util.Map;

/**
 * The hyperparameters of {@code metasgd}. Li, Zhou, Chen and Li (2017) adapt in one step with the
 * learned rates, in training and at test, initialise the rates uniformly in [0.005, 0.1] (section
 * 4.1; here low 0.005, width 0.095), and use MAML's networks and meta-optimiser (Adam); the meta-batch and outer step size are
 * MAML's Omniglot ones (32, 1e-3) and its regression ones for sinusoids (25).
 */
final class MetaSgdHyperparameters {

    static final String INNER_LR_LOW = "inner_lr_init_low";
    static final String INNER_LR_WIDTH = "inner_lr_init_width";
    static final String INNER_STEPS = "inner_steps";
    static final String TEST_INNER_STEPS = "test_inner_steps";
    static final String META_BATCH = "meta_batch";
    static final String OUTER_LR = "outer_lr";
    static final String FILTERS = "filters";
    static final String CONV_VARIANT = "conv_variant";
    static final String HIDDEN = "hidden";
    static final String TRANSDUCTIVE_BN = "transductive_bn";
    static final String FIRST_ORDER = "first_order";

    /** MAML's regression meta-batch (Finn et al. 2017, sinusoids), where it differs from classification's. */
    static final Map<String, Object> REGRESSION_DEFAULTS = Map.of(META_BATCH, 25);

    private MetaSgdHyperparameters() {
    }

    static List<HyperparameterSpec> specs() {
        return List.of(
                new HyperparameterSpec(INNER_LR_LOW, Domain.Real.nonNegative(), 0.005,
                        Distribution.FloatRange.logScale(0.001, 0.1),
                        "the per-parameter inner learning rates start uniform in [low, low + width]: the low end"),
                new HyperparameterSpec(INNER_LR_WIDTH, Domain.Real.nonNegative(), 0.095,
                        Distribution.FloatRange.logScale(0.01, 1.0),
                        "width of the range the initial inner learning rates are drawn from (0: all equal to the low end)"),
                new HyperparameterSpec(INNER_STEPS, intsFrom(1), 1, Distribution.IntRange.of(1, 5),
                        "inner steps with the learned rates during meta-training (the paper: 1)"),
                new HyperparameterSpec(TEST_INNER_STEPS, intsFrom(0), 1, Distribution.IntRange.of(1, 5),
                        "inner steps with the learned rates at test time (the paper: 1)"),
                new HyperparameterSpec(META_BATCH, intsFrom(1), 32, Distribution.IntRange.of(1, 64),
                        "tasks per meta-update (32 classification, 25 regression)"),
                new HyperparameterSpec(OUTER_LR, Domain.Real.positive(), 1e-3, Distribution.FloatRange.logScale(1e-4, 1e-2),
                        "Adam step size of the meta-update of initialisation and learning rates"),
                new HyperparameterSpec(FILTERS, intsFrom(1), 64, new Distribution.Categorical(List.of(32, 64)),
                        "channels of every Conv-4 block (classification)"),
                new HyperparameterSpec(CONV_VARIANT, Domain.Choice.of("strided", "pooled"), "strided",
                        new Distribution.Categorical(List.of("strided", "pooled")),
                        "Conv-4 layout: 'strided' (MAML's Omniglot network) or 'pooled' (its mini-ImageNet network)"),
                new HyperparameterSpec(HIDDEN, intsFrom(1), 40, new Distribution.Categorical(List.of(40, 80)),
                        "units of both hidden layers of the regression MLP"),
                new HyperparameterSpec(TRANSDUCTIVE_BN, new Domain.Bool(), true, new Distribution.Categorical(List.of(true, false)),
                        "true: BatchNorm uses the statistics of the batch it normalises (query batch at test);"
                                + " false: queries are normalised with the support set's statistics"),
                new HyperparameterSpec(FIRST_ORDER, new Domain.Bool(), false, new Distribution.Categorical(List.of(false, true)),
                        "false: the exact second-order meta-gradient (the paper's); true: inner gradients as constants"
                                + " (the learning rates still receive their gradient)"));
    }
}
