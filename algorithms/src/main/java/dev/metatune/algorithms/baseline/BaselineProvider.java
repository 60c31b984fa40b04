package dev.metatune.algorithms.baseline;

import dev.metatune.algorithms.training.ClassifierProvider;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.task.TaskSpec;

/**
 * {@code baseline}: the Baseline of Chen et al. 2019 ("A Closer Look at Few-shot Classification"),
 * a Conv-4 backbone pretrained with a linear classifier over all meta-train classes, then a new
 * linear head fitted on each support set with the backbone frozen. The runner builds pretraining
 * batches from {@code train_ways}, {@code train_shots} and {@code train_queries}.
 */
public class BaselineProvider extends ClassifierProvider {

    private final HeadKind headKind;

    public BaselineProvider() {
        this("baseline", HeadKind.LINEAR);
    }

    BaselineProvider(String name, HeadKind headKind) {
        super(name, headKind == HeadKind.LINEAR
                        ? "Baseline: pretrained Conv-4 + linear head fine-tuned on the support set (Chen et al. 2019)"
                        : "Baseline++: pretrained Conv-4 + cosine-similarity head fine-tuned on the support set "
                                + "(Chen et al. 2019)",
                BaselineSpecs.SPECS, BaselinePublishedResults.of(headKind));
        this.headKind = headKind;
    }

    /**
     * Pretraining batches of {@code train_ways} classes x ({@code train_shots} + {@code train_queries})
     * images, whatever the test setting: every image of a batch is a labelled pretraining example.
     */
    @Override
    public TaskSpec trainingSpec(Hyperparameters hyperparameters, TaskSpec testSpec) {
        Hyperparameters all = complete(hyperparameters);
        return new TaskSpec(all.getInt("train_ways"), all.getInt("train_shots"), all.getInt("train_queries"));
    }

    @Override
    protected MetaLearner createLearner(Hyperparameters resolved, LearnerContext context) {
        return new BaselineLearner(BaselineConfig.from(resolved), headKind, context);
    }
}
