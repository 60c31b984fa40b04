package dev.metatune.algorithms.relationnet;

import static dev.metatune.algorithms.training.HyperparameterSupport.intsFrom;

import dev.metatune.algorithms.training.ClassifierProvider;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.PublishedResult;
import dev.metatune.space.Distribution;
import dev.metatune.space.Domain;
import dev.metatune.task.TaskSpec;
import java.util.List;

/**
 * {@code relationnet}: Relation Networks (Sung, Yang, Zhang, Xiang, Torr and Hospedales, "Learning to
 * Compare: Relation Network for Few-Shot Learning", CVPR 2018), with the paper's Omniglot
 * architecture ({@link RelationNetwork}), mean-squared error of the relation scores against one-hot
 * targets, Adam 1e-3 halved every 100,000 episodes.
 *
 * <p>Training episodes have the test episodes' ways and shots and, by default, the authors'
 * Omniglot query counts (19 queries per class for 5-way 1-shot, so shots + queries = Omniglot's 20
 * images per class); see {@link RelationNetConfig#queriesFor}.
 */
public final class RelationNetProvider extends ClassifierProvider {

    public static final String NAME = "relationnet";
    public static final String LR = "lr";
    public static final String LR_HALVE_EVERY = "lr_halve_every";
    public static final String TRAIN_QUERIES = "train_queries";
    public static final String FILTERS = "filters";
    public static final String RELATION_HIDDEN = "relation_hidden";

    private static final List<HyperparameterSpec> SPECS = List.of(
            new HyperparameterSpec(LR, Domain.Real.positive(), 1e-3, Distribution.FloatRange.logScale(1e-4, 1e-2),
                    "Adam learning rate (Sung et al.: 1e-3)"),
            new HyperparameterSpec(LR_HALVE_EVERY, intsFrom(0), 100_000,
                    new Distribution.IntRange(0, 200_000, 10_000, false),
                    "halve the learning rate every this many training episodes; 0 = constant (Sung et al.'s code: 100000)"),
            new HyperparameterSpec(TRAIN_QUERIES, intsFrom(0), 0, Distribution.IntRange.of(0, 19),
                    "query examples per class in training episodes; 0 = the paper's for the setting "
                            + "(19 for 5-way 1-shot, 15 for 5-way 5-shot, 10 for 20-way 1-shot, 5 for 20-way 5-shot)"),
            new HyperparameterSpec(FILTERS, intsFrom(1), 64, new Distribution.Categorical(List.of(32, 64)),
                    "filters of every convolution (Sung et al.: 64)"),
            new HyperparameterSpec(RELATION_HIDDEN, intsFrom(1), 8, new Distribution.Categorical(List.of(8, 16, 32)),
                    "units of the relation module's hidden fully connected layer (Sung et al.: 8)"));

    private static final String OMNIGLOT = "Sung et al., CVPR 2018, Table 1 (Omniglot)";
    private static final String MINI_IMAGENET = "Sung et al., CVPR 2018, Table 2 (miniImageNet)";

    /** Sung et al.'s test accuracies with their 95% confidence intervals. */
    private static final List<PublishedResult> PUBLISHED = List.of(
            new PublishedResult("omniglot", "5w1s", 0.996, 0.002, OMNIGLOT),
            new PublishedResult("omniglot", "5w5s", 0.998, 0.001, OMNIGLOT),
            new PublishedResult("omniglot", "20w1s", 0.976, 0.002, OMNIGLOT),
            new PublishedResult("omniglot", "20w5s", 0.991, 0.001, OMNIGLOT),
            new PublishedResult("mini-imagenet", "5w1s", 0.5044, 0.0082, MINI_IMAGENET),
            new PublishedResult("mini-imagenet", "5w5s", 0.6532, 0.0070, MINI_IMAGENET));

    public RelationNetProvider() {
        super(NAME, "Relation Networks: a learned relation module scores (query, class) pairs (Sung et al. 2018)",
                SPECS, PUBLISHED);
    }

    /** The test episodes' ways and shots; queries from {@link RelationNetConfig#queriesFor}. */
    @Override
    public TaskSpec trainingSpec(Hyperparameters hyperparameters, TaskSpec testSpec) {
        Hyperparameters all = complete(hyperparameters);
        return new TaskSpec(testSpec.ways(), testSpec.shots(),
                RelationNetConfig.queriesFor(all.getInt(TRAIN_QUERIES), testSpec.ways(), testSpec.shots()));
    }

    @Override
    protected MetaLearner createLearner(Hyperparameters resolved, LearnerContext context) {
        return new RelationNetLearner(RelationNetConfig.from(resolved), context);
    }
}
