package dev.metatune.algorithms.maml;

import dev.metatune.algorithms.rl.OuterStep;
import dev.metatune.algorithms.rl.PolicyLearnerConfig;
import dev.metatune.algorithms.rl.PolicyMetaLearner;
import dev.metatune.algorithms.training.DeclaredProvider;
import dev.metatune.algorithms.training.HyperparameterSupport;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.task.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code maml}: Model-Agnostic Meta-Learning (Finn, Abbeel and Levine, ICML 2017) with the exact
 * second-order meta-gradient, optionally annealed from first to second order. One learner serves
 * {@code maml} and {@code fomaml} ({@link FomamlProvider}); they differ only in the default of
 * {@code first_order}, and each states its paper's numbers.
 */
public class MamlProvider extends DeclaredProvider {

    private final boolean firstOrder;

    public MamlProvider() {
        this("maml", false);
    }

    /** The provider registered as {@code name}, whose {@code first_order} defaults to {@code firstOrder}. */
    MamlProvider(String name, boolean firstOrder) {
        super(name, firstOrder
                ? "first-order MAML (Finn et al. 2017; Nichol, Achiam & Schulman 2018)"
                : "MAML, exact second-order meta-gradient (Finn, Abbeel & Levine, ICML 2017)",
                MamlHyperparameters.specs(firstOrder), MamlPublishedResults.of(firstOrder));
        this.firstOrder = firstOrder;
    }

    @Override
    public Set<TaskKind> supportedKinds() {
        // reinforcement learning: create builds a PolicyMetaLearner (policy-gradient inner steps, TRPO outer step)
        return Set.of(TaskKind.CLASSIFICATION, TaskKind.REGRESSION, TaskKind.REINFORCEMENT);
    }

    @Override
    public Hyperparameters defaults(TaskKind kind) {
        return MamlHyperparameters.defaults(kind, firstOrder);
    }

    /**
     * {@code "<n> test inner steps"}; for classification {@code "transductive BN"} or
     * {@code "non-transductive BN"}; and, when {@code first_order} is not this provider's default, the
     * order of the meta-gradient.
     */
    @Override
    public List<String> describe(Hyperparameters hyperparameters, TaskKind kind) {
        Hyperparameters all = defaults(kind).with(hyperparameters);
        List<String> notes = new ArrayList<>();
        if (kind == TaskKind.REINFORCEMENT) {
            notes.add(all.getInt(MamlHyperparameters.TEST_INNER_STEPS) + " test policy-gradient steps");
            notes.add(outerStep(all) == OuterStep.PPO
                    ? "first-order PPO-style meta-update, Adam lr " + all.getDouble(MamlHyperparameters.OUTER_LR)
                    : "TRPO meta-update, max KL " + all.getDouble(MamlHyperparameters.MAX_KL));
        } else {
            notes.add(all.getInt(MamlHyperparameters.TEST_INNER_STEPS) + " test inner steps");
        }
        if (kind == TaskKind.CLASSIFICATION) {
            notes.add(all.getBoolean(MamlHyperparameters.TRANSDUCTIVE_BN) ? "transductive BN" : "non-transductive BN");
        }
        boolean configured = all.getBoolean(MamlHyperparameters.FIRST_ORDER);
        if (configured != firstOrder) {
            notes.add(configured ? "first-order meta-gradient" : "exact second-order meta-gradient");
        }
        return List.copyOf(notes);
    }

    @Override
    public MetaLearner create(Hyperparameters hyperparameters, LearnerContext context) {
        HyperparameterSupport.check(hyperparameters(), hyperparameters, name());
        Hyperparameters all = defaults(context.kind()).with(hyperparameters);
        MamlConfig config = MamlConfig.from(all);
        if (context.kind() == TaskKind.REINFORCEMENT) {
            return new PolicyMetaLearner(new PolicyLearnerConfig(MamlLearner.STATE_NAME, config.hidden(), config.innerLr(),
                    config.innerSteps(), config.testInnerSteps(), config.metaBatch(), outerStep(all),
                    all.getDouble(MamlHyperparameters.MAX_KL), config.outerLr(), config.firstOrder(),
                    config.firstOrderUntilStep(),
                    PolicyLearnerConfig.DISCOUNT), context);
        }
        return new MamlLearner(config, context);
    }

    /** The reinforcement-learning meta-update {@code outer} names. */
    private static OuterStep outerStep(Hyperparameters all) {
        return switch (all.getString(MamlHyperparameters.OUTER)) {
            case "trpo" -> OuterStep.TRPO;
            case "ppo" -> OuterStep.PPO;
            default -> throw new IllegalArgumentException("hyperparameter '" + MamlHyperparameters.OUTER
                    + "' must be 'trpo' or 'ppo', got '" + all.getString(MamlHyperparameters.OUTER) + "'");
        };
    }
}
