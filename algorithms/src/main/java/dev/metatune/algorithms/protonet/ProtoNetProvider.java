package dev.metatune.algorithms.protonet;

import static dev.metatune.algorithms.training.HyperparameterSupport.intsFrom;

import dev.metatune.algorithms.training.ClassifierProvider;
import dev.metatune.space.Distribution;
import dev.metatune.space.Domain;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.PublishedResult;
import dev.metatune.task.TaskSpec;
import java.util.List;

/**
 * {@code protonet}: Prototypical Networks (Snell, Swersky and Zemel, "Prototypical Networks for
 * Few-shot Learning", NeurIPS 2017) with the Conv-4 max-pool embedding.
 *
 * <p>Training episodes may differ from test episodes: the runner builds the meta-training episode
 * source from {@code train_ways}, {@code train_shots} and {@code train_queries} (60 / 5 / 5, the
 * paper's Omniglot setting), and the learner trains on whatever episodes it is given
 * ({@code LearnerContext.trainSpec()}); one episode per step ({@code metaBatchSize() == 1}).
 */
public final class ProtoNetProvider extends ClassifierProvider {

    public static final String NAME = "protonet";
    public static final String LR = "lr";
    public static final String LR_HALVE_EVERY = "lr_halve_every";
    public static final String TRAIN_WAYS = "train_ways";
    public static final String TRAIN_SHOTS = "train_shots";
    public static final String TRAIN_QUERIES = "train_queries";
    public static final String FILTERS = "filters";

    private static final List<HyperparameterSpec> SPECS = List.of(
            new HyperparameterSpec(LR, Domain.Real.positive(), 1e-3, Distribution.FloatRange.logScale(1e-4, 1e-2),
                    "Adam learning rate (Snell et al.: 1e-3)"),
            new HyperparameterSpec(LR_HALVE_EVERY, intsFrom(0), 2000, new Distribution.IntRange(500, 5000, 500, false),
                    "halve the learning rate every this many training episodes; 0 = constant (Snell et al.: 2000)"),
            new HyperparameterSpec(TRAIN_WAYS, intsFrom(2), 60, new Distribution.IntRange(5, 60, 5, false),
                    "classes per training episode; the runner builds training episodes with it (Omniglot: 60)"),
            new HyperparameterSpec(TRAIN_SHOTS, intsFrom(1), 5, Distribution.IntRange.of(1, 10),
                    "support examples per class in training episodes (Snell et al.: 5 for Omniglot)"),
            new HyperparameterSpec(TRAIN_QUERIES, intsFrom(1), 5, Distribution.IntRange.of(1, 15),
                    "query examples per class in training episodes (Snell et al.: 5 for Omniglot)"),
            new HyperparameterSpec(FILTERS, intsFrom(1), 64, new Distribution.Categorical(List.of(32, 64)),
                    "filters of each Conv-4 layer (Snell et al.: 64)"));

    private static final String OMNIGLOT = "Snell, Swersky & Zemel, NeurIPS 2017, Table 1 (Omniglot)";
    private static final String MINI_IMAGENET = "Snell, Swersky & Zemel, NeurIPS 2017, Table 2 (miniImageNet)";

    /**
     * Snell et al.'s test accuracies with the Euclidean distance: Omniglot (Table 1, no interval
     * given) and miniImageNet (Table 2, 95% confidence intervals over 600 test episodes).
     */
    private static final List<PublishedResult> PUBLISHED = List.of(
            new PublishedResult("omniglot", "5w1s", 0.988, null, OMNIGLOT),
            new PublishedResult("omniglot", "5w5s", 0.997, null, OMNIGLOT),
            new PublishedResult("omniglot", "20w1s", 0.960, null, OMNIGLOT),
            new PublishedResult("omniglot", "20w5s", 0.989, null, OMNIGLOT),
            new PublishedResult("mini-imagenet", "5w1s", 0.4942, 0.0078, MINI_IMAGENET),
            new PublishedResult("mini-imagenet", "5w5s", 0.6820, 0.0066, MINI_IMAGENET));

    public ProtoNetProvider() {
        super(NAME, "Prototypical Networks: nearest class mean in a learned Conv-4 embedding (Snell et al. 2017)",
                SPECS, PUBLISHED);
    }

    /** Training episodes of {@code train_ways} x ({@code train_shots} + {@code train_queries}), whatever the test setting. */
    @Override
    public TaskSpec trainingSpec(Hyperparameters hyperparameters, TaskSpec testSpec) {
        Hyperparameters all = complete(hyperparameters);
        return new TaskSpec(all.getInt(TRAIN_WAYS), all.getInt(TRAIN_SHOTS), all.getInt(TRAIN_QUERIES));
    }

    @Override
    protected MetaLearner createLearner(Hyperparameters resolved, LearnerContext context) {
        return new ProtoNetLearner(ProtoNetConfig.from(resolved), context);
    }
}
