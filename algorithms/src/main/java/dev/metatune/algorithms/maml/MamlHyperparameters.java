package dev.metatune.algorithms.maml;

import static dev.metatune.algorithms.training.HyperparameterSupport.intsFrom;

import dev.metatune.algorithms.rl.ClippedSurrogateUpdate;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.space.Distribution;
import dev.metatune.space.Domain;
import dev.metatune.task.TaskKind;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hyperparameters of {@code maml} and {@code fomaml} (one learner; they differ only in the
 * default of {@code first_order}), their defaults (Finn, Abbeel and Levine 2017: Omniglot
 * classification, sinusoid regression and 2D navigation: inner lr 0.1, 20 tasks a meta-batch, a
 * 100-100 policy, TRPO with KL bound 0.01) and default search ranges. Each domain is exactly what
 * {@link MamlConfig} accepts.
 */
final class MamlHyperparameters {

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
    static final String FIRST_ORDER_UNTIL_STEP = "first_order_until_step";
    static final String MAX_KL = "max_kl";
    static final String OUTER = "outer";

    private MamlHyperparameters() {
    }

    /** Every hyperparameter, with {@code first_order} defaulting to {@code firstOrder}. */
    static List<HyperparameterSpec> specs(boolean firstOrder) {
        return List.of(
                new HyperparameterSpec(INNER_LR, Domain.Real.positive(), 0.4, Distribution.FloatRange.logScale(0.01, 1.0),
                        "step size of the inner SGD steps (0.4 classification, 0.01 regression)"),
                new HyperparameterSpec(INNER_STEPS, intsFrom(1), 1, Distribution.IntRange.of(1, 5),
                        "inner SGD steps during meta-training"),
                new HyperparameterSpec(TEST_INNER_STEPS, intsFrom(0), 3, Distribution.IntRange.of(1, 10),
                        "inner SGD steps when adapting at test time (3 classification, 10 regression)"),
                new HyperparameterSpec(META_BATCH, intsFrom(1), 32, Distribution.IntRange.of(1, 64),
                        "tasks per meta-update (32 classification, 25 regression)"),
                new HyperparameterSpec(OUTER_LR, Domain.Real.positive(), 1e-3, Distribution.FloatRange.logScale(1e-4, 1e-2),
                        "Adam step size of the meta-update"),
                new HyperparameterSpec(FILTERS, intsFrom(1), 64, new Distribution.Categorical(List.of(32, 64)),
                        "channels of every Conv-4 block (classification)"),
                new HyperparameterSpec(CONV_VARIANT, Domain.Choice.of("strided", "pooled"), "strided",
                        new Distribution.Categorical(List.of("strided", "pooled")),
                        "Conv-4 layout: 'strided' (MAML's, stride 2, no pooling) or 'pooled' (stride 1, 2x2 max-pool)"),
                new HyperparameterSpec(HIDDEN, intsFrom(1), 40, new Distribution.Categorical(List.of(40, 80)),
                        "units of both hidden layers of the regression MLP (40) and of the policy's mean (100, RL)"),
                new HyperparameterSpec(TRANSDUCTIVE_BN, new Domain.Bool(), true, new Distribution.Categorical(List.of(true, false)),
                        "true: BatchNorm uses the statistics of the batch it normalises (query batch at test, as"
                                + " Finn et al.'s code); false: queries are normalised with the support set's statistics"),
                new HyperparameterSpec(FIRST_ORDER, new Domain.Bool(), firstOrder, new Distribution.Categorical(List.of(true, false)),
                        "true: first-order MAML, the inner gradients are constants and the query-loss gradient at the"
                                + " adapted weights is the meta-gradient; false: the exact second-order meta-gradient"),
                new HyperparameterSpec(FIRST_ORDER_UNTIL_STEP, intsFrom(0), 0, Distribution.IntRange.of(0, 10_000),
                        "meta-steps run with the first-order approximation before switching to exact second order"
                                + " (0 = always exact); only for second order, ignored when first_order is true"),
                new HyperparameterSpec(MAX_KL, Domain.Real.positive(), 0.01, Distribution.FloatRange.logScale(0.001, 0.1),
                        "reinforcement learning: the TRPO meta-update's bound on the mean KL divergence of the"
                                + " adapted policies (0.01 in the paper)"),
                new HyperparameterSpec(OUTER, Domain.Choice.of("trpo", "ppo"), "trpo",
                        new Distribution.Categorical(List.of("trpo", "ppo")),
                        "reinforcement learning: the meta-update, 'trpo' (the paper's) or 'ppo' (first order: "
                                + ClippedSurrogateUpdate.EPOCHS + " Adam epochs at outer_lr on PPO's clipped surrogate)"));
    }

    /** The papers' defaults for {@code kind}, with {@code first_order} defaulting to {@code firstOrder}. */
    static Hyperparameters defaults(TaskKind kind, boolean firstOrder) {
        Map<String, Object> values = new TreeMap<>();
        for (HyperparameterSpec s : specs(firstOrder)) {
            values.put(s.name(), s.defaultValue());
        }
        if (kind == TaskKind.REGRESSION) {
            values.put(INNER_LR, 0.01);
            values.put(TEST_INNER_STEPS, 10);
            values.put(META_BATCH, 25);
        }
        if (kind == TaskKind.REINFORCEMENT) {
            values.put(INNER_LR, 0.1);
            values.put(META_BATCH, 20);
            values.put(HIDDEN, 100);
        }
        return Hyperparameters.of(values);
    }
}
