package dev.metatune.algorithms.reptile;

import static dev.metatune.algorithms.training.HyperparameterSupport.intsFrom;

import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.space.Distribution;
import dev.metatune.space.Domain;
import dev.metatune.task.TaskKind;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hyperparameters of {@code reptile}, with the defaults of Nichol, Achiam and Schulman's Omniglot
 * experiments (2018, appendix, hyperparameter table for Omniglot, transductive setting): inner Adam
 * with learning rate 0.001 and beta1 = 0, 5 inner iterations on minibatches of 10, 10 training shots
 * per class, outer step size 1.0 annealed linearly to 0 over 100,000 outer iterations, meta-batch 5,
 * and at test 50 inner iterations on minibatches of 5, the inner Adam's moments and step count kept
 * from task to task as their code's TensorFlow Adam keeps them ({@code inner_adam_state=persistent},
 * well ahead of a fresh Adam per task in the README's A/B on Omniglot 5-way 1-shot). Their
 * mini-ImageNet runs differ in 8 inner iterations, 15 training shots and the pooled 32-filter
 * network ({@code conv_variant}, {@code filters}).
 */
final class ReptileHyperparameters {

    static final String INNER_OPTIMIZER = "inner_optimizer";
    static final String INNER_LR = "inner_lr";
    static final String INNER_ADAM_BETA1 = "inner_adam_beta1";
    static final String INNER_ADAM_STATE = "inner_adam_state";
    static final String INNER_STEPS = "inner_steps";
    static final String INNER_BATCH = "inner_batch";
    static final String TRAIN_SHOTS = "train_shots";
    static final String TRAIN_QUERIES = "train_queries";
    static final String TEST_INNER_STEPS = "test_inner_steps";
    static final String TEST_INNER_BATCH = "test_inner_batch";
    static final String OUTER_STEP = "outer_step";
    static final String OUTER_STEPS = "outer_steps";
    static final String META_BATCH = "meta_batch";
    static final String FILTERS = "filters";
    static final String CONV_VARIANT = "conv_variant";
    static final String HIDDEN = "hidden";
    static final String TRANSDUCTIVE_BN = "transductive_bn";

    static final String ADAM = "adam";
    static final String SGD = "sgd";
    static final String PER_TASK = "per_task";
    static final String PERSISTENT = "persistent";

    private ReptileHyperparameters() {
    }

    static List<HyperparameterSpec> specs() {
        return List.of(
                new HyperparameterSpec(INNER_OPTIMIZER, Domain.Choice.of(ADAM, SGD), ADAM,
                        new Distribution.Categorical(List.of(ADAM, SGD)),
                        "optimizer of the inner steps: 'adam' (the paper's, beta1 = inner_adam_beta1) or plain 'sgd' (no effect on"
                                + " reinforcement learning, whose inner steps are plain policy-gradient steps)"),
                new HyperparameterSpec(INNER_LR, Domain.Real.positive(), 1e-3, Distribution.FloatRange.logScale(1e-4, 1e-1),
                        "step size of the inner optimizer (the paper: Adam 0.001)"),
                new HyperparameterSpec(INNER_ADAM_BETA1, Domain.Real.closed(0.0, 0.99), 0.0,
                        new Distribution.Categorical(List.of(0.0, 0.5, 0.9)),
                        "Adam's beta1 in the inner loop (the paper: 0, no momentum); beta2 0.999, eps 1e-8"),
                new HyperparameterSpec(INNER_ADAM_STATE, Domain.Choice.of(PER_TASK, PERSISTENT), PERSISTENT,
                        new Distribution.Categorical(List.of(PER_TASK, PERSISTENT)),
                        "what the inner Adam starts each task from: 'per_task' zero moments and step count 0 (the tasks"
                                + " of a meta-batch run side by side); 'persistent' the moments and step count the previous"
                                + " task left, kept across tasks and meta-steps and saved with the learner, the tasks of a"
                                + " meta-batch one after another (the paper's code, which resets only the weights between"
                                + " tasks); test adaptation starts from a copy of them and leaves them unchanged; no"
                                + " effect with sgd"),
                new HyperparameterSpec(INNER_STEPS, intsFrom(1), 5, Distribution.IntRange.of(1, 20),
                        "inner iterations per task in meta-training (the paper: 5 Omniglot, 8 mini-ImageNet)"),
                new HyperparameterSpec(INNER_BATCH, intsFrom(1), 10, Distribution.IntRange.of(5, 50),
                        "examples per inner minibatch, drawn without replacement from the support set, reshuffled when used up"),
                new HyperparameterSpec(TRAIN_SHOTS, intsFrom(0), 10, Distribution.IntRange.of(1, 15),
                        "support examples per class of the meta-training episodes (the paper: 10 Omniglot, 15 mini-ImageNet;"
                                + " 0: the test setting's shots)"),
                new HyperparameterSpec(TRAIN_QUERIES, intsFrom(1), 5, Distribution.IntRange.of(1, 10),
                        "query examples per class of the meta-training episodes when train_shots is set; Reptile's update"
                                + " does not use them, they only give the training curve (10 + 5 fit Omniglot's 20 per class)"),
                new HyperparameterSpec(TEST_INNER_STEPS, intsFrom(0), 50, Distribution.IntRange.of(10, 100),
                        "inner iterations when adapting at test time (the paper: 50)"),
                new HyperparameterSpec(TEST_INNER_BATCH, intsFrom(1), 5, Distribution.IntRange.of(5, 25),
                        "examples per inner minibatch at test time (the paper: 5)"),
                new HyperparameterSpec(OUTER_STEP, Domain.Real.positive(), 1.0, Distribution.FloatRange.linear(0.1, 1.0),
                        "initial outer step size epsilon of theta += epsilon * mean(phi - theta) (the paper: 1.0)"),
                new HyperparameterSpec(OUTER_STEPS, intsFrom(1), 100_000, Distribution.IntRange.of(1_000, 100_000),
                        "meta-steps over which the outer step size falls linearly to 0 (the paper: 100,000); set it to the"
                                + " training budget"),
                new HyperparameterSpec(META_BATCH, intsFrom(1), 5, Distribution.IntRange.of(1, 10),
                        "tasks per meta-update: 1 is serial Reptile, more is the batched version (the paper: 5)"),
                new HyperparameterSpec(FILTERS, intsFrom(1), 64, new Distribution.Categorical(List.of(32, 64)),
                        "channels of every Conv-4 block (the paper: 64 Omniglot, 32 mini-ImageNet)"),
                new HyperparameterSpec(CONV_VARIANT, Domain.Choice.of("strided", "pooled"), "strided",
                        new Distribution.Categorical(List.of("strided", "pooled")),
                        "Conv-4 layout: 'strided' (the paper's Omniglot network) or 'pooled' (its mini-ImageNet network)"),
                new HyperparameterSpec(HIDDEN, intsFrom(1), 40, new Distribution.Categorical(List.of(40, 64)),
                        "units of both hidden layers of the regression MLP, or of the policy's mean for reinforcement learning"),
                new HyperparameterSpec(TRANSDUCTIVE_BN, new Domain.Bool(), true, new Distribution.Categorical(List.of(true, false)),
                        "true: test queries are normalised with their own batch's statistics (the paper's transductive"
                                + " setting); false: with the support set's statistics at the adapted weights"));
    }

    /**
     * The defaults for {@code kind}; for reinforcement learning, where the inner steps are the
     * vanilla policy-gradient steps of Finn et al.'s meta-RL (Reptile's paper has no RL experiment),
     * SGD with their step size 0.1, 3 inner steps (with 1, Reptile is joint training), the test
     * setting's trajectories, their meta-batch of 20 tasks and 100-100 policy, 3 test steps.
     */
    static Hyperparameters defaults(TaskKind kind) {
        Map<String, Object> values = new TreeMap<>();
        for (HyperparameterSpec s : specs()) {
            values.put(s.name(), s.defaultValue());
        }
        if (kind == TaskKind.REINFORCEMENT) {
            values.put(INNER_OPTIMIZER, SGD);
            values.put(INNER_LR, 0.1);
            values.put(INNER_STEPS, 3);
            values.put(TRAIN_SHOTS, 0);
            values.put(TEST_INNER_STEPS, 3);
            values.put(META_BATCH, 20);
            values.put(HIDDEN, 100);
        }
        return Hyperparameters.of(values);
    }
}
