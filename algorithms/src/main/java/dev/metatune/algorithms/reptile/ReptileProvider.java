package dev.metatune.algorithms.reptile;

import dev.metatune.algorithms.rl.OuterStep;
import dev.metatune.algorithms.rl.PolicyLearnerConfig;
import dev.metatune.algorithms.rl.PolicyMetaLearner;
import dev.metatune.algorithms.training.DeclaredProvider;
import dev.metatune.algorithms.training.HyperparameterSupport;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.PublishedResult;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code reptile}: Reptile (Nichol, Achiam and Schulman, "On First-Order Meta-Learning Algorithms",
 * arXiv:1803.02999, 2018), first-order meta-learning that moves the initialisation toward the
 * weights that inner SGD or Adam reaches on each task. Trains on episodes with {@code train_shots}
 * support examples per class (the paper's 10 on Omniglot), tests on the requested setting. On
 * reinforcement-learning tasks the inner steps are the vanilla policy-gradient steps of Finn et al.'s
 * meta-RL on a Gaussian policy ({@link PolicyMetaLearner} with {@link OuterStep#REPTILE}).
 */
public final class ReptileProvider extends DeclaredProvider {

    /** The registered name, also the name of the learner's saved state. */
    static final String NAME = "reptile";

    private static final String OMNIGLOT = "Nichol, Achiam & Schulman 2018 (arXiv:1803.02999), Table 2 (Omniglot),"
            + " Reptile + Transduction";
    private static final String MINI_IMAGENET = "Nichol, Achiam & Schulman 2018 (arXiv:1803.02999), Table 1"
            + " (Mini-ImageNet), Reptile + Transduction";

    /** Reptile's step has no trust region; PolicyLearnerConfig still wants a valid bound. */
    private static final double UNUSED_MAX_KL = 0.01;

    /** The transductive rows (the default setting here), with the paper's 95% intervals. */
    private static final List<PublishedResult> PUBLISHED = List.of(
            new PublishedResult("omniglot", "5w1s", 0.9768, 0.0004, OMNIGLOT),
            new PublishedResult("omniglot", "5w5s", 0.9948, 0.0006, OMNIGLOT),
            new PublishedResult("omniglot", "20w1s", 0.8943, 0.0014, OMNIGLOT),
            new PublishedResult("omniglot", "20w5s", 0.9712, 0.0032, OMNIGLOT),
            new PublishedResult("mini-imagenet", "5w1s", 0.4997, 0.0032, MINI_IMAGENET),
            new PublishedResult("mini-imagenet", "5w5s", 0.6599, 0.0058, MINI_IMAGENET));

    public ReptileProvider() {
        super(NAME, "Reptile, first-order meta-learning toward the adapted weights (Nichol, Achiam & Schulman 2018)",
                ReptileHyperparameters.specs(), PUBLISHED);
    }

    @Override
    public Set<TaskKind> supportedKinds() {
        return Set.of(TaskKind.CLASSIFICATION, TaskKind.REGRESSION, TaskKind.REINFORCEMENT);
    }

    @Override
    public Hyperparameters defaults(TaskKind kind) {
        return ReptileHyperparameters.defaults(kind);
    }

    /**
     * The test setting's ways with {@code train_shots} support and {@code train_queries} query
     * examples per class (the paper trains on 10 shots and no queries; the queries here only report
     * the training curve); with {@code train_shots} 0 the test setting itself.
     */
    @Override
    public TaskSpec trainingSpec(Hyperparameters hyperparameters, TaskSpec testSpec) {
        Hyperparameters all = defaults(TaskKind.CLASSIFICATION).with(hyperparameters);
        int shots = all.getInt(ReptileHyperparameters.TRAIN_SHOTS);
        return shots == 0 ? testSpec : new TaskSpec(testSpec.ways(), shots, all.getInt(ReptileHyperparameters.TRAIN_QUERIES));
    }

    /**
     * Test inner steps and minibatch, the inner optimizer, the BatchNorm mode for classification, a
     * persistent inner Adam state when so, serial when so.
     */
    @Override
    public List<String> describe(Hyperparameters hyperparameters, TaskKind kind) {
        Hyperparameters all = defaults(kind).with(hyperparameters);
        List<String> notes = new ArrayList<>();
        if (kind == TaskKind.REINFORCEMENT) {
            notes.add(all.getInt(ReptileHyperparameters.TEST_INNER_STEPS) + " test policy-gradient steps");
            notes.add(all.getInt(ReptileHyperparameters.INNER_STEPS) + " policy-gradient steps per task in training");
            notes.add("Reptile meta-update, outer step " + all.getDouble(ReptileHyperparameters.OUTER_STEP));
            if (ReptileHyperparameters.ADAM.equals(all.getString(ReptileHyperparameters.INNER_OPTIMIZER))) {
                notes.add("inner_optimizer adam has no effect: the inner steps are plain policy-gradient steps");
            }
            return List.copyOf(notes);
        }
        notes.add(all.getInt(ReptileHyperparameters.TEST_INNER_STEPS) + " test inner steps (batch "
                + all.getInt(ReptileHyperparameters.TEST_INNER_BATCH) + ", "
                + all.getString(ReptileHyperparameters.INNER_OPTIMIZER) + ")");
        if (kind == TaskKind.CLASSIFICATION) {
            notes.add(all.getBoolean(ReptileHyperparameters.TRANSDUCTIVE_BN) ? "transductive BN" : "non-transductive BN");
        }
        if (ReptileHyperparameters.ADAM.equals(all.getString(ReptileHyperparameters.INNER_OPTIMIZER))
                && ReptileHyperparameters.PERSISTENT.equals(all.getString(ReptileHyperparameters.INNER_ADAM_STATE))) {
            notes.add("inner Adam state kept across tasks");
        }
        if (all.getInt(ReptileHyperparameters.META_BATCH) == 1) {
            notes.add("serial Reptile");
        }
        return List.copyOf(notes);
    }

    @Override
    public MetaLearner create(Hyperparameters hyperparameters, LearnerContext context) {
        HyperparameterSupport.check(hyperparameters(), hyperparameters, name());
        ReptileConfig config = ReptileConfig.from(defaults(context.kind()).with(hyperparameters));
        if (context.kind() == TaskKind.REINFORCEMENT) {
            return new PolicyMetaLearner(new PolicyLearnerConfig(NAME, config.hidden(), config.innerLr(), config.innerSteps(),
                    config.testInnerSteps(), config.metaBatch(), OuterStep.REPTILE, UNUSED_MAX_KL, config.outerStep(), true, 0,
                    PolicyLearnerConfig.DISCOUNT, config.outerSteps()), context);
        }
        return new ReptileLearner(config, context);
    }
}
