package dev.metatune.algorithms.mamlpp;

import static dev.metatune.algorithms.training.HyperparameterSupport.intsFrom;

import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.space.Distribution;
import dev.metatune.space.Domain;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hyperparameters of {@code maml++}, with the defaults of Antoniou, Edwards and Storkey's
 * released Omniglot 5-way configuration (ICLR 2019; {@code omniglot_maml++-omniglot_1_8_0.1_64_5}):
 * 5 inner steps in training and at test, initial inner learning rate 0.1, meta-batch 8, Adam 0.001
 * cosine-annealed to 0.00001 over 100 epochs of 500 meta-steps, multi-step loss for the first 10
 * epochs, per-step BatchNorm weights, 64 filters with max-pooling, and second order
 * from the start (the paper describes first-order training for the first 50 epochs; the released
 * configuration does not use it, so {@code first_order_epochs} is 0 here). Each of the paper's five
 * changes is switched by its own hyperparameter, so that its ablation table can run as a suite.
 *
 * <p>Per-step running statistics (BNRS) are off by default: the reference code collects them but
 * passes {@code training=True} to every BatchNorm call, so its published numbers normalise every
 * batch with its own statistics ({@code transductive_bn}). With BNRS on, the test forward passes use
 * the running statistics, as the paper describes; on the synthetic tasks of the tests that costs
 * much accuracy (about 0.5 instead of 1.0 after 100 meta-steps), as test-time running statistics are
 * known to do for MAML (Bronskill et al., "TaskNorm", ICML 2020).
 */
final class MamlppHyperparameters {

    static final String INNER_LR = "inner_lr";
    static final String INNER_STEPS = "inner_steps";
    static final String TEST_INNER_STEPS = "test_inner_steps";
    static final String META_BATCH = "meta_batch";
    static final String OUTER_LR = "outer_lr";
    static final String MIN_OUTER_LR = "min_outer_lr";
    static final String ITERATIONS_PER_EPOCH = "iterations_per_epoch";
    static final String TOTAL_EPOCHS = "total_epochs";
    static final String MULTI_STEP_LOSS = "multi_step_loss";
    static final String MSL_EPOCHS = "msl_epochs";
    static final String LSLR = "lslr";
    static final String PER_STEP_BN_WEIGHTS = "per_step_bn_weights";
    static final String PER_STEP_BN_STATS = "per_step_bn_stats";
    static final String BN_MOMENTUM = "bn_momentum";
    static final String FIRST_ORDER_EPOCHS = "first_order_epochs";
    static final String COSINE_ANNEALING = "cosine_annealing";
    static final String FILTERS = "filters";
    static final String CONV_VARIANT = "conv_variant";
    static final String TRANSDUCTIVE_BN = "transductive_bn";

    private static final Distribution BOOLS = new Distribution.Categorical(List.of(true, false));

    private MamlppHyperparameters() {
    }

    static List<HyperparameterSpec> specs() {
        return List.of(
                new HyperparameterSpec(INNER_LR, Domain.Real.positive(), 0.1, Distribution.FloatRange.logScale(0.01, 1.0),
                        "inner SGD step size (with lslr: the initial value of every per-layer per-step rate)"),
                new HyperparameterSpec(INNER_STEPS, intsFrom(1), 5, Distribution.IntRange.of(1, 5),
                        "inner steps during meta-training (also the number of per-step BatchNorm and rate sets)"),
                new HyperparameterSpec(TEST_INNER_STEPS, intsFrom(0), 5, Distribution.IntRange.of(1, 10),
                        "inner steps at test time; steps past inner_steps reuse the last step's BatchNorm and rates"),
                new HyperparameterSpec(META_BATCH, intsFrom(1), 8, Distribution.IntRange.of(2, 32),
                        "tasks per meta-update (the released Omniglot configuration: 8)"),
                new HyperparameterSpec(OUTER_LR, Domain.Real.positive(), 1e-3, Distribution.FloatRange.logScale(1e-4, 1e-2),
                        "Adam step size of the meta-update (the start of the cosine schedule)"),
                new HyperparameterSpec(MIN_OUTER_LR, Domain.Real.nonNegative(), 1e-5, Distribution.FloatRange.logScale(1e-6, 1e-4),
                        "the end of the cosine schedule of the outer step size (CA)"),
                new HyperparameterSpec(ITERATIONS_PER_EPOCH, intsFrom(1), 500, Distribution.IntRange.of(100, 1000),
                        "meta-steps per epoch, the unit of the multi-step loss, annealing and cosine schedules"),
                new HyperparameterSpec(TOTAL_EPOCHS, intsFrom(1), 100, Distribution.IntRange.of(10, 150),
                        "epochs over which the cosine schedule runs (set it to the training budget)"),
                new HyperparameterSpec(MULTI_STEP_LOSS, new Domain.Bool(), true, BOOLS,
                        "MSL: the query loss after every inner step, with annealed weights, for the first msl_epochs"
                                + " epochs (afterwards and when false: the final step's only)"),
                new HyperparameterSpec(MSL_EPOCHS, intsFrom(1), 10, Distribution.IntRange.of(1, 20),
                        "epochs over which the multi-step loss weights move onto the final step"),
                new HyperparameterSpec(LSLR, new Domain.Bool(), true, BOOLS,
                        "LSLR: a learned inner learning rate per layer (parameter tensor) and step; false: inner_lr fixed"),
                new HyperparameterSpec(PER_STEP_BN_WEIGHTS, new Domain.Bool(), true, BOOLS,
                        "BNWB: BatchNorm gamma and beta per inner step, meta-learned and not adapted in the inner loop;"
                                + " false: one set, adapted in the inner loop as MAML's"),
                new HyperparameterSpec(PER_STEP_BN_STATS, new Domain.Bool(), false, BOOLS,
                        "BNRS: running BatchNorm statistics per inner step, collected in meta-training and used at test"
                                + " (non-transductive); false (the default, what the reference code's numbers used): test"
                                + " BatchNorm as transductive_bn says"),
                new HyperparameterSpec(BN_MOMENTUM, Domain.Real.closed(0.0, 1.0), 0.1, new Distribution.Categorical(List.of(0.1, 0.01)),
                        "momentum of the per-step running statistics (one update per meta-step from the batch's mean)"),
                new HyperparameterSpec(FIRST_ORDER_EPOCHS, intsFrom(0), 0, Distribution.IntRange.of(0, 50),
                        "DA: epochs trained with the first-order approximation before exact second order (the paper: 50;"
                                + " its released configuration: 0)"),
                new HyperparameterSpec(COSINE_ANNEALING, new Domain.Bool(), true, BOOLS,
                        "CA: the outer step size follows a cosine from outer_lr to min_outer_lr over total_epochs; false: constant"),
                new HyperparameterSpec(FILTERS, intsFrom(1), 64, new Distribution.Categorical(List.of(48, 64)),
                        "channels of every Conv-4 block (the paper: 64 Omniglot, 48 mini-ImageNet)"),
                new HyperparameterSpec(CONV_VARIANT, Domain.Choice.of("strided", "pooled"), "pooled",
                        new Distribution.Categorical(List.of("pooled", "strided")),
                        "Conv-4 layout: 'pooled' (the paper's, max-pooling) or 'strided' (MAML's Omniglot network)"),
                new HyperparameterSpec(TRANSDUCTIVE_BN, new Domain.Bool(), true, BOOLS,
                        "without per_step_bn_stats: true normalises every batch with its own statistics (the reference"
                                + " code's behaviour), false the queries with the support set's"));
    }

    static Hyperparameters defaults() {
        Map<String, Object> values = new TreeMap<>();
        for (HyperparameterSpec s : specs()) {
            values.put(s.name(), s.defaultValue());
        }
        return Hyperparameters.of(values);
    }
}
