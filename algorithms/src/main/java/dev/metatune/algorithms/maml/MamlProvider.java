package dev.metatune.algorithms.maml;

import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.task.TaskKind;
import java.util.List;
import java.util.Set;

/**
 * {@code maml}: Model-Agnostic Meta-Learning with the exact second-order meta-gradient (Finn, Abbeel
 * and Levine, ICML 2017); optionally annealed from first to second order.
 */
public final class MamlProvider implements AlgorithmProvider {

    @Override
    public String name() {
        return "maml";
    }

    @Override
    public String description() {
        return "MAML, exact second-order meta-gradient (Finn, Abbeel & Levine, ICML 2017)";
    }

    @Override
    public Set<TaskKind> supportedKinds() {
        return Set.of(TaskKind.CLASSIFICATION, TaskKind.REGRESSION);
    }

    @Override
    public List<HyperparameterSpec> hyperparameters() {
        return MamlHyperparameters.specs(true);
    }

    @Override
    public Hyperparameters defaults(TaskKind kind) {
        return MamlHyperparameters.defaults(kind, true);
    }

    @Override
    public MetaLearner create(Hyperparameters hyperparameters, LearnerContext context) {
        MamlConfig config = MamlConfig.from(defaults(context.kind()).with(hyperparameters), hyperparameters(), false);
        return new MamlLearner(config, context);
    }
}
