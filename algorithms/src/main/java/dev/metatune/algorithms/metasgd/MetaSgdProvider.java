package dev.metatune.algorithms.metasgd;

import dev.metatune.algorithms.training.InnerLoopProvider;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.PublishedResult;
import java.util.List;

/**
 * {@code metasgd}: Meta-SGD (Li, Zhou, Chen and Li, "Meta-SGD: Learning to Learn Quickly for
 * Few-Shot Learning", arXiv:1707.09835, 2017): an initialisation and a learning rate per parameter,
 * meta-learned together with the exact second-order meta-gradient.
 */
public final class MetaSgdProvider extends InnerLoopProvider {

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

    public MetaSgdProvider() {
        super(NAME, "Meta-SGD, initialisation and per-parameter inner learning rates meta-learned (Li et al. 2017)",
                MetaSgdHyperparameters.specs(), MetaSgdHyperparameters.REGRESSION_DEFAULTS, PUBLISHED,
                "test inner steps (learned rates)");
    }

    @Override
    protected MetaLearner createLearner(Hyperparameters complete, LearnerContext context) {
        return new MetaSgdLearner(MetaSgdConfig.from(complete), context);
    }
}
