package dev.metatune.algorithms.rl;

import ai.djl.ndarray.NDArray;

/**
 * The trajectories of one task collected with one policy, flattened over (time, trajectory):
 * observations [rows, observationSize], the actions taken (before clipping) [rows, actionSize] and
 * their normalised advantages [rows] (constants: the rollouts are not differentiated), on the
 * learner's device; plus the average undiscounted return of the trajectories.
 */
public record TaskSamples(NDArray observations, NDArray actions, NDArray advantages, double meanReturn) {
}
