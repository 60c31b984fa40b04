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
 * {@code fomaml}: first-order MAML, which drops the second-order terms of the meta-gradient: the
 * gradient of the query loss at the adapted weights is applied to the meta-parameters (Finn, Abbeel
 * and Levine, ICML 2017, section 5.2; Nichol, Achiam and Schulman 2018).
 */
public final class FomamlProvider implements AlgorithmProvider {

    @Override
    public String name() {
        return "fomaml";
    }

    @Override
    public String description() {
        return "first-order MAML (Finn et al. 2017; Nichol, Achiam & Schulman 2018)";
    }

    @Override
    public Set<TaskKind> supportedKinds() {
        return Set.of(TaskKind.CLASSIFICATION, TaskKind.REGRESSION);
    }

    @Override
    public List<HyperparameterSpec> hyperparameters() {
        return MamlHyperparameters.specs(false);
    }

    @Override
    public Hyperparameters defaults(TaskKind kind) {
        return MamlHyperparameters.defaults(kind, false);
    }

    @Override
    public MetaLearner create(Hyperparameters hyperparameters, LearnerContext context) {
        MamlConfig config = MamlConfig.from(defaults(context.kind()).with(hyperparameters), hyperparameters(), true);
        return new MamlLearner(config, context);
    }
}
