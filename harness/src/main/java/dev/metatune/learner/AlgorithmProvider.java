package dev.metatune.learner;

import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.List;
import java.util.Set;

/**
 * The algorithm plugin SPI, found through {@link java.util.ServiceLoader}: a new algorithm is one
 * new package plus one line in {@code META-INF/services/dev.metatune.learner.AlgorithmProvider}.
 */
public interface AlgorithmProvider {

    /** The name used on the command line and in suites, e.g. {@code maml}. */
    String name();

    /** One line for {@code metatune list}, citing the paper. */
    String description();

    /** The task kinds this algorithm can learn. */
    Set<TaskKind> supportedKinds();

    /** Every hyperparameter the algorithm accepts, with the paper's default and a default search range. */
    List<HyperparameterSpec> hyperparameters();

    /** The papers' defaults for {@code kind}, for every hyperparameter. */
    Hyperparameters defaults(TaskKind kind);

    /**
     * The shape of the meta-training episodes for a test setting. Most algorithms train on the
     * setting they are tested on; Prototypical Networks train on larger episodes (60-way in the
     * paper), which they say here.
     */
    default TaskSpec trainingSpec(Hyperparameters hyperparameters, TaskSpec testSpec) {
        return testSpec;
    }

    /**
     * Creates a learner. {@code hyperparameters} override the defaults; an unknown name or a bad value
     * is an {@link IllegalArgumentException} naming the field and the value.
     */
    MetaLearner create(Hyperparameters hyperparameters, LearnerContext context);
}
