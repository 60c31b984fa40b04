package dev.metatune.algorithms.relationnet;

import static dev.metatune.algorithms.training.HyperparameterSupport.intAtLeast;
import static dev.metatune.algorithms.training.HyperparameterSupport.positive;

import dev.metatune.learner.Hyperparameters;

/**
 * Relation Networks' validated hyperparameters (Sung et al. 2018).
 *
 * @param lr             Adam learning rate (1e-3)
 * @param lrHalveEvery   the learning rate halves every this many training episodes (100,000); 0 keeps it constant
 * @param trainQueries   query examples per class in training episodes; 0 = the paper's for the setting
 * @param filters        filters of every convolution (64)
 * @param relationHidden units of the relation module's hidden fully connected layer (8)
 */
public record RelationNetConfig(double lr, int lrHalveEvery, int trainQueries, int filters, int relationHidden) {

    public RelationNetConfig {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("hyperparameter 'lr' must be finite and > 0, got " + lr);
        }
        if (lrHalveEvery < 0) {
            throw new IllegalArgumentException("hyperparameter 'lr_halve_every' must be >= 0, got " + lrHalveEvery);
        }
        if (trainQueries < 0) {
            throw new IllegalArgumentException("hyperparameter 'train_queries' must be >= 0, got " + trainQueries);
        }
        if (filters < 1) {
            throw new IllegalArgumentException("hyperparameter 'filters' must be at least 1, got " + filters);
        }
        if (relationHidden < 1) {
            throw new IllegalArgumentException("hyperparameter 'relation_hidden' must be at least 1, got "
                    + relationHidden);
        }
    }

    /** Reads a complete set of values (defaults already merged in). */
    public static RelationNetConfig from(Hyperparameters h) {
        return new RelationNetConfig(positive(h, RelationNetProvider.LR), intAtLeast(h, RelationNetProvider.LR_HALVE_EVERY, 0),
                intAtLeast(h, RelationNetProvider.TRAIN_QUERIES, 0), intAtLeast(h, RelationNetProvider.FILTERS, 1),
                intAtLeast(h, RelationNetProvider.RELATION_HIDDEN, 1));
    }

    /** The learning rate for training episode {@code episode} (0-based): lr x 0.5^floor(episode / lrHalveEvery). */
    public double learningRate(long episode) {
        return lrHalveEvery == 0 ? lr : lr * Math.pow(0.5, episode / lrHalveEvery);
    }

    /**
     * Training queries per class for {@code ways}-way {@code shots}-shot training: {@code trainQueries}
     * when set, otherwise the authors' Omniglot choices (19 for 5-way 1-shot, 15 for 5-way 5-shot, 10
     * for 20-way 1-shot, 5 for 20-way 5-shot), and for any other setting as many as Omniglot's 20
     * images per class leave after the shots, at most 19.
     */
    public static int queriesFor(int trainQueries, int ways, int shots) {
        if (trainQueries > 0) {
            return trainQueries;
        }
        if (ways == 5 && shots == 1) {
            return 19;
        }
        if (ways == 5 && shots == 5) {
            return 15;
        }
        if (ways == 20 && shots == 1) {
            return 10;
        }
        if (ways == 20 && shots == 5) {
            return 5;
        }
        return Math.max(1, Math.min(19, 20 - shots));
    }
}
