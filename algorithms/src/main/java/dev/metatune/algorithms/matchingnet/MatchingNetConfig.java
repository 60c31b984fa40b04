package dev.metatune.algorithms.matchingnet;

import static dev.metatune.algorithms.training.HyperparameterSupport.intAtLeast;
import static dev.metatune.algorithms.training.HyperparameterSupport.positive;

import dev.metatune.learner.Hyperparameters;

/**
 * Matching Networks' validated hyperparameters (Vinyals et al. 2016).
 *
 * @param lr           Adam learning rate (1e-3)
 * @param fce          full context embeddings on (bidirectional support LSTM, attention LSTM over queries)
 * @param fceSteps     processing steps K of the attention LSTM
 * @param trainQueries query examples per class in training episodes
 * @param filters      filters of each Conv-4 layer (64)
 * @param similarity   how queries are compared with support examples (the paper's cosine)
 */
public record MatchingNetConfig(double lr, boolean fce, int fceSteps, int trainQueries, int filters,
                                Similarity similarity) {

    public MatchingNetConfig {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("hyperparameter 'lr' must be finite and > 0, got " + lr);
        }
        if (fceSteps < 1) {
            throw new IllegalArgumentException("hyperparameter 'fce_steps' must be at least 1, got " + fceSteps);
        }
        if (trainQueries < 1) {
            throw new IllegalArgumentException("hyperparameter 'train_queries' must be at least 1, got " + trainQueries);
        }
        if (filters < 1) {
            throw new IllegalArgumentException("hyperparameter 'filters' must be at least 1, got " + filters);
        }
        if (similarity == null) {
            throw new IllegalArgumentException("hyperparameter 'similarity' is missing");
        }
    }

    /** Reads a complete set of values (defaults already merged in). */
    public static MatchingNetConfig from(Hyperparameters h) {
        return new MatchingNetConfig(positive(h, MatchingNetProvider.LR), h.getBoolean(MatchingNetProvider.FCE),
                intAtLeast(h, MatchingNetProvider.FCE_STEPS, 1), intAtLeast(h, MatchingNetProvider.TRAIN_QUERIES, 1),
                intAtLeast(h, MatchingNetProvider.FILTERS, 1), Similarity.of(h.getString(MatchingNetProvider.SIMILARITY)));
    }
}
