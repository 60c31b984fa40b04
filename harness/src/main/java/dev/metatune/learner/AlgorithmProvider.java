package dev.metatune.learner;

import dev.metatune.plugin.Plugin;
import dev.metatune.plugin.Registry;

import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The algorithm plugin SPI, found through {@link java.util.ServiceLoader}: a new algorithm is one
 * new package plus one line in {@code META-INF/services/dev.metatune.learner.AlgorithmProvider}.
 */
public interface AlgorithmProvider extends Plugin {

    /** Every algorithm this class loader finds through {@link java.util.ServiceLoader}. */
    static Registry<AlgorithmProvider> registry(ClassLoader loader) {
        return Registry.load("algorithm", AlgorithmProvider.class, loader);
    }

    /** Every algorithm on the class path of this interface's loader. */
    static Registry<AlgorithmProvider> registry() {
        return registry(AlgorithmProvider.class.getClassLoader());
    }

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
     * The test results this algorithm's papers report (per data set and setting), shown beside a
     * run's numbers in every report. Empty when the papers give none.
     */
    default List<PublishedResult> publishedResults() {
        return List.of();
    }

    /** The published result for a data set (its registered name) and setting ({@code 5w1s}), if the papers give one. */
    default Optional<PublishedResult> publishedResult(String dataset, String setting) {
        return publishedResults().stream().filter(p -> p.dataset().equals(dataset) && p.setting().equals(setting)).findFirst();
    }

    /**
     * Short notes that a reader of a comparison table needs about a configuration (for example
     * {@code "3 test inner steps"} or {@code "transductive BN"}), in the order they should appear.
     * {@code hyperparameters} are complete (defaults with the configuration on top).
     */
    default List<String> describe(Hyperparameters hyperparameters, TaskKind kind) {
        return List.of();
    }

    /**
     * Creates a learner. {@code hyperparameters} override the defaults; an unknown name or a bad value
     * is an {@link IllegalArgumentException} naming the field and the value.
     */
    MetaLearner create(Hyperparameters hyperparameters, LearnerContext context);
}
