package dev.metatune.algorithms.matchingnet;

import static dev.metatune.algorithms.training.HyperparameterSupport.intsFrom;

import dev.metatune.algorithms.training.ClassifierProvider;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.PublishedResult;
import dev.metatune.space.Distribution;
import dev.metatune.space.Domain;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.List;

/**
 * {@code matchingnet}: Matching Networks (Vinyals, Blundell, Lillicrap, Kavukcuoglu and Wierstra,
 * "Matching Networks for One Shot Learning", NeurIPS 2016) on the Conv-4 embedding, with cosine
 * attention over the support set (or, with {@code similarity: l2}, attention over negative squared
 * Euclidean distances) and, with {@code fce}, full context embeddings.
 *
 * <p>Training episodes have the test episodes' ways and shots (the paper trains on the N-way
 * k-shot task it tests) and {@code train_queries} queries per class.
 */
public final class MatchingNetProvider extends ClassifierProvider {

    public static final String NAME = "matchingnet";
    public static final String LR = "lr";
    public static final String FCE = "fce";
    public static final String FCE_STEPS = "fce_steps";
    public static final String TRAIN_QUERIES = "train_queries";
    public static final String FILTERS = "filters";
    public static final String SIMILARITY = "similarity";

    private static final List<HyperparameterSpec> SPECS = List.of(
            new HyperparameterSpec(LR, Domain.Real.positive(), 1e-3, Distribution.FloatRange.logScale(1e-4, 1e-2),
                    "Adam learning rate (1e-3, as the common reference implementations; the paper gives none)"),
            new HyperparameterSpec(FCE, new Domain.Bool(), false, new Distribution.Categorical(List.of(false, true)),
                    "full context embeddings: bidirectional LSTM over the support set, attention LSTM over queries"),
            new HyperparameterSpec(FCE_STEPS, intsFrom(1), 5, Distribution.IntRange.of(1, 10),
                    "processing steps K of the attention LSTM (used with fce; the paper gives no value)"),
            new HyperparameterSpec(TRAIN_QUERIES, intsFrom(1), 5, Distribution.IntRange.of(1, 15),
                    "query examples per class in training episodes (ways and shots are the test episodes')"),
            new HyperparameterSpec(FILTERS, intsFrom(1), 64, new Distribution.Categorical(List.of(32, 64)),
                    "filters of each Conv-4 layer (Vinyals et al.: 64)"),
            new HyperparameterSpec(SIMILARITY, Domain.Choice.of("cosine", "l2"), "cosine",
                    new Distribution.Categorical(List.of("cosine", "l2")),
                    "query-to-support similarity under the attention softmax: cosine (Vinyals et al.) or l2, the "
                            + "negative squared Euclidean distance"));

    private static final String OMNIGLOT = "Vinyals et al., NeurIPS 2016, Table 1 (Omniglot, cosine, no fine-tuning)";
    private static final String MINI_IMAGENET =
            "Ravi & Larochelle, ICLR 2017, Table 1 (miniImageNet, Matching Network FCE, their reimplementation)";

    private static final List<PublishedResult> PUBLISHED = List.of(
            new PublishedResult("omniglot", "5w1s", 0.981, null, OMNIGLOT),
            new PublishedResult("omniglot", "5w5s", 0.989, null, OMNIGLOT),
            new PublishedResult("omniglot", "20w1s", 0.938, null, OMNIGLOT),
            new PublishedResult("omniglot", "20w5s", 0.985, null, OMNIGLOT),
            new PublishedResult("mini-imagenet", "5w1s", 0.4356, 0.0084, MINI_IMAGENET),
            new PublishedResult("mini-imagenet", "5w5s", 0.5531, 0.0073, MINI_IMAGENET));

    public MatchingNetProvider() {
        super(NAME, "Matching Networks: attention over the support set (cosine, or l2 distance), optional full context "
                + "embeddings (Vinyals et al. 2016)",
                SPECS, PUBLISHED);
    }

    /** The test episodes' ways and shots, {@code train_queries} queries per class. */
    @Override
    public TaskSpec trainingSpec(Hyperparameters hyperparameters, TaskSpec testSpec) {
        Hyperparameters all = complete(hyperparameters);
        return new TaskSpec(testSpec.ways(), testSpec.shots(), all.getInt(TRAIN_QUERIES));
    }

    @Override
    public List<String> describe(Hyperparameters hyperparameters, TaskKind kind) {
        Hyperparameters all = complete(hyperparameters);
        return List.of(all.getBoolean(FCE) ? "full context embeddings on, K = " + all.getInt(FCE_STEPS)
                : "full context embeddings off", all.getString(SIMILARITY) + " similarity");
    }

    @Override
    protected MetaLearner createLearner(Hyperparameters resolved, LearnerContext context) {
        return new MatchingNetLearner(MatchingNetConfig.from(resolved), context);
    }
}
