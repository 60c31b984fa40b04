package dev.metatune.algorithms.anil;

import dev.metatune.algorithms.training.InnerLoopProvider;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.PublishedResult;
import java.util.List;

/**
 * {@code anil}: Almost No Inner Loop (Raghu, Raghu, Bengio and Vinyals, "Rapid Learning or Feature
 * Reuse? Towards Understanding the Effectiveness of MAML", ICLR 2020): MAML whose inner loop adapts
 * only the head; second order through the head by default, first order with {@code first_order}.
 */
public final class AnilProvider extends InnerLoopProvider {

    /** The registered name, also the name of the learner's saved state. */
    static final String NAME = "anil";

    private static final String CITATION = "Raghu, Raghu, Bengio & Vinyals, ICLR 2020, Table 2";

    /**
     * Raghu et al. 2020, Table 2 (ANIL rows; 95% intervals): Omniglot 20-way and MiniImageNet 5-way;
     * the paper gives no 5-way Omniglot numbers.
     */
    private static final List<PublishedResult> PUBLISHED = List.of(
            new PublishedResult("omniglot", "20w1s", 0.962, 0.005, CITATION + " (Omniglot)"),
            new PublishedResult("omniglot", "20w5s", 0.980, 0.003, CITATION + " (Omniglot)"),
            new PublishedResult("mini-imagenet", "5w1s", 0.467, 0.004, CITATION + " (MiniImageNet)"),
            new PublishedResult("mini-imagenet", "5w5s", 0.615, 0.005, CITATION + " (MiniImageNet)"));

    public AnilProvider() {
        super(NAME, "ANIL, MAML adapting only the head (Raghu, Raghu, Bengio & Vinyals, ICLR 2020)",
                AnilHyperparameters.specs(), AnilHyperparameters.REGRESSION_DEFAULTS, PUBLISHED,
                "test inner steps (head only)");
    }

    @Override
    protected MetaLearner createLearner(Hyperparameters complete, LearnerContext context) {
        return new AnilLearner(AnilConfig.from(complete), context);
    }
}
