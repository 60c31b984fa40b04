package dev.metatune.algorithms.metasgd;

import dev.metatune.algorithms.training.HyperparameterSupport;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.PublishedResult;
import dev.metatune.task.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code metasgd}: Meta-SGD (Li, Zhou, Chen and Li, "Meta-SGD: Learning to Learn Quickly for
 * Few-Shot Learning", arXiv:1707.09835, 2017): an initialisation and a learning rate per parameter,
 * meta-learned together with the exact second-order meta-gradient.
 */
public final class MetaSgdProvider implements AlgorithmProvider {

    /** The registered name, also the name of the learner's saved state. */
    static final String NAME = "metasgd";

    private static final String OMNIGLOT = "Li, Zhou, Chen & Li 2017 (arXiv:1707.09835), Table 2 (Omniglot)";
    private static final String MINI_IMAGENET = "Li, Zhou, Chen & Li 2017 (arXiv:1707.09835), Table 3 (MiniImagenet)";

    /** The paper's Meta-SGD rows with their 95% intervals. */
    private static final List<PublishedResult> PUBLISHED = List.of(
            new PublishedResult("omniglot", "5w1s", 0.9953, 0.0026, OMNIGLOT),
            new PublishedResult("omniglot", "5w5s", 0.9993, 0.0009, OMNIGLOT),
            new PublishedResult("omniglot", "20w1s", 0.9593, 0.0038, OMNIGLOT),
            new PublishedResult("omniglot", "20w5s", 0.9897, 0.0019, OMNIGLOT),
            new PublishedResult("mini-imagenet", "5w1s", 0.5047, 0.0187, MINI_IMAGENET),
            new PublishedResult("mini-imagenet", "5w5s", 0.6403, 0.0094, MINI_IMAGENET));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Meta-SGD, initialisation and per-parameter inner learning rates meta-learned (Li et al. 2017)";
    }

    @Override
    public Set<TaskKind> supportedKinds() {
        return Set.of(TaskKind.CLASSIFICATION, TaskKind.REGRESSION);
    }

    @Override
    public List<HyperparameterSpec> hyperparameters() {
        return MetaSgdHyperparameters.specs();
    }

    @Override
    public Hyperparameters defaults(TaskKind kind) {
        return MetaSgdHyperparameters.defaults(kind);
    }

    @Override
    public List<PublishedResult> publishedResults() {
        return PUBLISHED;
    }

    /** {@code "<n> test inner steps (learned rates)"}, the BatchNorm mode for classification, and first order when set. */
    @Override
    public List<String> describe(Hyperparameters hyperparameters, TaskKind kind) {
        Hyperparameters all = defaults(kind).with(hyperparameters);
        List<String> notes = new ArrayList<>();
        notes.add(all.getInt(MetaSgdHyperparameters.TEST_INNER_STEPS) + " test inner steps (learned rates)");
        if (kind == TaskKind.CLASSIFICATION) {
            notes.add(all.getBoolean(MetaSgdHyperparameters.TRANSDUCTIVE_BN) ? "transductive BN" : "non-transductive BN");
        }
        if (all.getBoolean(MetaSgdHyperparameters.FIRST_ORDER)) {
            notes.add("first-order meta-gradient");
        }
        return List.copyOf(notes);
    }

    @Override
    public MetaLearner create(Hyperparameters hyperparameters, LearnerContext context) {
        HyperparameterSupport.check(hyperparameters(), hyperparameters, name());
        return new MetaSgdLearner(MetaSgdConfig.from(defaults(context.kind()).with(hyperparameters)), context);
    }
}
