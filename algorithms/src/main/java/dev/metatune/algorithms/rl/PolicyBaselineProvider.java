package dev.metatune.algorithms.rl;

import static dev.metatune.algorithms.training.HyperparameterSupport.intsFrom;

import dev.metatune.algorithms.training.DeclaredProvider;
import dev.metatune.algorithms.training.HyperparameterSupport;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.space.Distribution;
import dev.metatune.space.Domain;
import dev.metatune.task.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The two baselines of Finn, Abbeel and Levine's reinforcement-learning comparison (ICML 2017,
 * section 5.3, figure 4): {@code pretrained}, one Gaussian policy trained with TRPO on the tasks of
 * every meta-batch jointly (the meta-objective without inner steps), and {@code random}, a randomly
 * initialised policy that meta-training leaves unchanged; both are fine-tuned at test with the same
 * vanilla policy-gradient steps as MAML. Reinforcement-learning tasks only.
 */
public class PolicyBaselineProvider extends DeclaredProvider {

    static final String INNER_LR = "inner_lr";
    static final String TEST_INNER_STEPS = "test_inner_steps";
    static final String META_BATCH = "meta_batch";
    static final String HIDDEN = "hidden";
    static final String MAX_KL = "max_kl";
    /** The baselines update with TRPO or not at all, so the PPO-style step's Adam step size is unused. */
    private static final double UNUSED_OUTER_LR = 1e-3;

    private final boolean trained;

    /** {@code name}, trained with TRPO when {@code trained}. */
    PolicyBaselineProvider(String name, boolean trained) {
        super(name, trained
                ? "RL baseline: one policy trained with TRPO on all tasks jointly, fine-tuned by policy gradient (Finn et al. 2017)"
                : "RL baseline: a randomly initialised policy fine-tuned by policy gradient (Finn et al. 2017)",
                specs(trained), List.of());
        this.trained = trained;
    }

    @Override
    public Set<TaskKind> supportedKinds() {
        return Set.of(TaskKind.REINFORCEMENT);
    }

    /** The declarations of the baseline, with the TRPO bound when {@code trained}. */
    private static List<HyperparameterSpec> specs(boolean trained) {
        List<HyperparameterSpec> specs = new ArrayList<>(List.of(
                new HyperparameterSpec(INNER_LR, Domain.Real.positive(), 0.1, Distribution.FloatRange.logScale(0.01, 1.0),
                        "step size of the policy-gradient fine-tuning steps at test"),
                new HyperparameterSpec(TEST_INNER_STEPS, intsFrom(0), 3, Distribution.IntRange.of(1, 5),
                        "policy-gradient fine-tuning steps at test"),
                new HyperparameterSpec(META_BATCH, intsFrom(1), 20, Distribution.IntRange.of(5, 40),
                        "tasks per training step"),
                new HyperparameterSpec(HIDDEN, intsFrom(1), 100, new Distribution.Categorical(List.of(64, 100)),
                        "units of both hidden layers of the policy's mean")));
        if (trained) {
            specs.add(new HyperparameterSpec(MAX_KL, Domain.Real.positive(), 0.01, Distribution.FloatRange.logScale(0.001, 0.1),
                    "the TRPO update's bound on the mean KL divergence"));
        }
        return List.copyOf(specs);
    }

    @Override
    public Hyperparameters defaults(TaskKind kind) {
        return HyperparameterSupport.defaults(hyperparameters());
    }

    @Override
    public List<String> describe(Hyperparameters hyperparameters, TaskKind kind) {
        Hyperparameters all = defaults(kind).with(hyperparameters);
        return List.of(all.getInt(TEST_INNER_STEPS) + " test policy-gradient steps");
    }

    @Override
    public MetaLearner create(Hyperparameters hyperparameters, LearnerContext context) {
        Hyperparameters all = HyperparameterSupport.resolve(hyperparameters(), hyperparameters, name());
        if (context.kind() != TaskKind.REINFORCEMENT) {
            throw new IllegalArgumentException(name() + " learns reinforcement-learning tasks only, not " + context.kind());
        }
        return new PolicyMetaLearner(new PolicyLearnerConfig(name(), all.getInt(HIDDEN), all.getDouble(INNER_LR), 0,
                all.getInt(TEST_INNER_STEPS), all.getInt(META_BATCH), trained ? OuterStep.TRPO : OuterStep.NONE,
                trained ? all.getDouble(MAX_KL) : 0.01, UNUSED_OUTER_LR, true, 0, PolicyLearnerConfig.DISCOUNT), context);
    }
}
