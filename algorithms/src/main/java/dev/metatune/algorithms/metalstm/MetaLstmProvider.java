package dev.metatune.algorithms.metalstm;

import dev.metatune.algorithms.training.DeclaredProvider;
import dev.metatune.algorithms.training.HyperparameterSupport;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.PublishedResult;
import dev.metatune.task.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code meta-lstm}: the LSTM-based meta-learner of Ravi and Larochelle ("Optimization as a Model for
 * Few-Shot Learning", ICLR 2017), which learns the learner's initialisation and its update rule.
 * The paper reports mini-ImageNet only.
 */
public final class MetaLstmProvider extends DeclaredProvider {

    /** The registered name, also the name of the learner's saved state. */
    static final String NAME = "meta-lstm";

    private static final String CITATION = "Ravi & Larochelle, ICLR 2017, Table 1 (Mini-ImageNet), Meta-Learner LSTM";

    private static final List<PublishedResult> PUBLISHED = List.of(
            new PublishedResult("mini-imagenet", "5w1s", 0.4344, 0.0077, CITATION),
            new PublishedResult("mini-imagenet", "5w5s", 0.6060, 0.0071, CITATION));

    public MetaLstmProvider() {
        super(NAME, "LSTM meta-learner: learned initialisation and update rule (Ravi & Larochelle, ICLR 2017)",
                MetaLstmHyperparameters.specs(), PUBLISHED);
    }

    @Override
    public Set<TaskKind> supportedKinds() {
        return Set.of(TaskKind.CLASSIFICATION);
    }

    @Override
    public Hyperparameters defaults(TaskKind kind) {
        return MetaLstmHyperparameters.defaults();
    }

    /** {@code "<n> test LSTM updates"} and the test BatchNorm mode. */
    @Override
    public List<String> describe(Hyperparameters hyperparameters, TaskKind kind) {
        Hyperparameters all = defaults(kind).with(hyperparameters);
        List<String> notes = new ArrayList<>();
        notes.add(all.getInt(MetaLstmHyperparameters.TEST_INNER_STEPS) + " test LSTM updates");
        notes.add(all.getBoolean(MetaLstmHyperparameters.TRANSDUCTIVE_BN)
                ? "transductive BN" : "non-transductive BN (support statistics)");
        return List.copyOf(notes);
    }

    @Override
    public MetaLearner create(Hyperparameters hyperparameters, LearnerContext context) {
        HyperparameterSupport.check(hyperparameters(), hyperparameters, name());
        return new MetaLstmLearner(MetaLstmConfig.from(defaults(context.kind()).with(hyperparameters)), context);
    }
}
