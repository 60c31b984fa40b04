package dev.metatune.algorithms.training;

import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.PublishedResult;
import dev.metatune.task.TaskKind;
import java.util.List;
import java.util.Set;

/**
 * What every provider of a classification-only algorithm shares beyond its declarations
 * ({@link DeclaredProvider}): the refusal of any other task kind, and a
 * learner built only from values the declarations allow. A subclass says how its configuration
 * becomes a learner ({@link #createLearner}) and, where it differs from the test setting, the shape
 * of its training episodes.
 */
public abstract class ClassifierProvider extends DeclaredProvider {

    protected ClassifierProvider(String name, String description, List<HyperparameterSpec> specs,
            List<PublishedResult> published) {
        super(name, description, specs, published);
    }

    @Override
    public final Set<TaskKind> supportedKinds() {
        return Set.of(TaskKind.CLASSIFICATION);
    }

    @Override
    public final Hyperparameters defaults(TaskKind kind) {
        requireClassification(kind);
        return HyperparameterSupport.defaults(hyperparameters());
    }

    /**
     * The defaults with {@code hyperparameters} on top, unchecked: what {@code trainingSpec} and
     * {@code describe} read their values from.
     */
    protected final Hyperparameters complete(Hyperparameters hyperparameters) {
        return HyperparameterSupport.defaults(hyperparameters()).with(hyperparameters);
    }

    @Override
    public final MetaLearner create(Hyperparameters hyperparameters, LearnerContext context) {
        requireClassification(context.kind());
        return createLearner(HyperparameterSupport.resolve(hyperparameters(), hyperparameters, name()), context);
    }

    /** A learner for {@code resolved}: every hyperparameter present and within its declaration. */
    protected abstract MetaLearner createLearner(Hyperparameters resolved, LearnerContext context);

    private void requireClassification(TaskKind kind) {
        if (kind != TaskKind.CLASSIFICATION) {
            throw new IllegalArgumentException(name() + " supports classification only, got " + kind);
        }
    }
}
