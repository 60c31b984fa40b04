package dev.metatune.algorithms.training;

import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.PublishedResult;
import java.util.List;

/**
 * What every provider here declares up front and never changes: its name, one-line description,
 * hyperparameter declarations and published results. {@link ClassifierProvider} and
 * {@link InnerLoopProvider} build on it; they say which task kinds they take and how a learner is made.
 */
public abstract class DeclaredProvider implements AlgorithmProvider {

    private final String name;
    private final String description;
    private final List<HyperparameterSpec> specs;
    private final List<PublishedResult> published;

    protected DeclaredProvider(String name, String description, List<HyperparameterSpec> specs,
            List<PublishedResult> published) {
        this.name = name;
        this.description = description;
        this.specs = List.copyOf(specs);
        this.published = List.copyOf(published);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<HyperparameterSpec> hyperparameters() {
        return specs;
    }

    @Override
    public final List<PublishedResult> publishedResults() {
        return published;
    }
}
