package dev.metatune.algorithms.baseline;

import dev.metatune.algorithms.training.HyperparameterSupport;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.PublishedResult;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.List;
import java.util.Set;

/**
 * {@code baseline}: the Baseline of Chen et al. 2019 ("A Closer Look at Few-shot Classification"),
 * a Conv-4 backbone pretrained with a linear classifier over all meta-train classes, then a new
 * linear head fitted on each support set with the backbone frozen. The runner builds pretraining
 * batches from {@code train_ways}, {@code train_shots} and {@code train_queries}.
 */
public class BaselineProvider implements AlgorithmProvider {

    private final String name;
    private final HeadKind headKind;

    public BaselineProvider() {
        this("baseline", HeadKind.LINEAR);
    }

    BaselineProvider(String name, HeadKind headKind) {
        this.name = name;
        this.headKind = headKind;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return headKind == HeadKind.LINEAR
                ? "Baseline: pretrained Conv-4 + linear head fine-tuned on the support set (Chen et al. 2019)"
                : "Baseline++: pretrained Conv-4 + cosine-similarity head fine-tuned on the support set (Chen et al. 2019)";
    }

    @Override
    public Set<TaskKind> supportedKinds() {
        return Set.of(TaskKind.CLASSIFICATION);
    }

    @Override
    public List<HyperparameterSpec> hyperparameters() {
        return BaselineSpecs.SPECS;
    }

    @Override
    public Hyperparameters defaults(TaskKind kind) {
        if (kind != TaskKind.CLASSIFICATION) {
            throw new IllegalArgumentException(name + " supports classification only, got " + kind);
        }
        return HyperparameterSupport.defaults(BaselineSpecs.SPECS);
    }

    @Override
    public List<PublishedResult> publishedResults() {
        return BaselinePublishedResults.of(headKind);
    }

    /**
     * Pretraining batches of {@code train_ways} classes x ({@code train_shots} + {@code train_queries})
     * images, whatever the test setting: every image of a batch is a labelled pretraining example.
     */
    @Override
    public TaskSpec trainingSpec(Hyperparameters hyperparameters, TaskSpec testSpec) {
        Hyperparameters all = defaults(TaskKind.CLASSIFICATION).with(hyperparameters);
        return new TaskSpec(all.getInt("train_ways"), all.getInt("train_shots"), all.getInt("train_queries"));
    }

    @Override
    public MetaLearner create(Hyperparameters hyperparameters, LearnerContext context) {
        if (context.kind() != TaskKind.CLASSIFICATION) {
            throw new IllegalArgumentException(name + " supports classification only, got " + context.kind());
        }
        Hyperparameters resolved = HyperparameterSupport.resolve(BaselineSpecs.SPECS, hyperparameters, name);
        return new BaselineLearner(BaselineConfig.from(resolved), headKind, context);
    }
}
