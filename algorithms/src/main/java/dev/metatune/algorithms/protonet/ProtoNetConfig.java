package dev.metatune.algorithms.protonet;

import static dev.metatune.algorithms.training.HyperparameterSupport.intAtLeast;
import static dev.metatune.algorithms.training.HyperparameterSupport.positive;

import dev.metatune.learner.Hyperparameters;

/**
 * ProtoNet's validated hyperparameters (Snell et al. 2017).
 *
 * @param lr            Adam learning rate (1e-3)
 * @param lrHalveEvery  the learning rate halves every this many training episodes (2000); 0 keeps it constant
 * @param trainWays     classes per training episode (60 for Omniglot)
 * @param trainShots    support examples per class in training episodes (5)
 * @param trainQueries  query examples per class in training episodes (5)
 * @param filters       filters of each Conv-4 layer (64)
 */
public record ProtoNetConfig(double lr, int lrHalveEvery, int trainWays, int trainShots, int trainQueries, int filters) {

    public ProtoNetConfig {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("hyperparameter 'lr' must be finite and > 0, got " + lr);
        }
        if (lrHalveEvery < 0) {
            throw new IllegalArgumentException("hyperparameter 'lr_halve_every' must be >= 0, got " + lrHalveEvery);
        }
        if (trainWays < 2) {
            throw new IllegalArgumentException("hyperparameter 'train_ways' must be at least 2, got " + trainWays);
        }
        if (trainShots < 1) {
            throw new IllegalArgumentException("hyperparameter 'train_shots' must be at least 1, got " + trainShots);
        }
        if (trainQueries < 1) {
            throw new IllegalArgumentException("hyperparameter 'train_queries' must be at least 1, got " + trainQueries);
        }
        if (filters < 1) {
            throw new IllegalArgumentException("hyperparameter 'filters' must be at least 1, got " + filters);
        }
    }

    /** Reads a complete set of values (defaults already merged in). */
    public static ProtoNetConfig from(Hyperparameters h) {
        return new ProtoNetConfig(positive(h, ProtoNetProvider.LR), intAtLeast(h, ProtoNetProvider.LR_HALVE_EVERY, 0),
                intAtLeast(h, ProtoNetProvider.TRAIN_WAYS, 2), intAtLeast(h, ProtoNetProvider.TRAIN_SHOTS, 1),
                intAtLeast(h, ProtoNetProvider.TRAIN_QUERIES, 1), intAtLeast(h, ProtoNetProvider.FILTERS, 1));
    }

    /** The learning rate for training episode {@code episode} (0-based): lr x 0.5^floor(episode / lrHalveEvery). */
    public double learningRate(long episode) {
        return lrHalveEvery == 0 ? lr : lr * Math.pow(0.5, episode / lrHalveEvery);
    }
}
