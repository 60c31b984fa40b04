package dev.metatune.algorithms.anil;

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
 * {@code anil}: Almost No Inner Loop (Raghu, Raghu, Bengio and Vinyals, "Rapid Learning or Feature
 * Reuse? Towards Understanding the Effectiveness of MAML", ICLR 2020): MAML whose inner loop adapts
 * only the head; second order through the head by default, first order with {@code first_order}.
 */
public final class AnilProvider implements AlgorithmProvider {

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

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "ANIL, MAML adapting only the head (Raghu, Raghu, Bengio & Vinyals, ICLR 2020)";
    }

    @Override
    public Set<TaskKind> supportedKinds() {
        return Set.of(TaskKind.CLASSIFICATION, TaskKind.REGRESSION);
    }

    @Override
    public List<HyperparameterSpec> hyperparameters() {
        return AnilHyperparameters.specs();
    }

    @Override
    public Hyperparameters defaults(TaskKind kind) {
        return AnilHyperparameters.defaults(kind);
    }

    @Override
    public List<PublishedResult> publishedResults() {
        return PUBLISHED;
    }

    /** {@code "<n> test inner steps (head only)"}, the BatchNorm mode for classification, and first order when set. */
    @Override
    public List<String> describe(Hyperparameters hyperparameters, TaskKind kind) {
        Hyperparameters all = defaults(kind).with(hyperparameters);
        List<String> notes = new ArrayList<>();
        notes.add(all.getInt(AnilHyperparameters.TEST_INNER_STEPS) + " test inner steps (head only)");
        if (kind == TaskKind.CLASSIFICATION) {
            notes.add(all.getBoolean(AnilHyperparameters.TRANSDUCTIVE_BN) ? "transductive BN" : "non-transductive BN");
        }
        if (all.getBoolean(AnilHyperparameters.FIRST_ORDER)) {
            notes.add("first-order meta-gradient");
        }
        return List.copyOf(notes);
    }

    @Override
    public MetaLearner create(Hyperparameters hyperparameters, LearnerContext context) {
        HyperparameterSupport.check(hyperparameters(), hyperparameters, name());
        return new AnilLearner(AnilConfig.from(defaults(context.kind()).with(hyperparameters)), context);
    }
}
