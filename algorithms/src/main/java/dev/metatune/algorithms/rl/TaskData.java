package dev.metatune.algorithms.rl;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What one task contributes to a meta-update: the support trajectories of each inner step (each
 * collected with the policy adapted so far), the query trajectories collected with the adapted
 * policy, and that policy's numbers on the query (constants): the log-probabilities of the query
 * actions, its action means and its log standard deviation, against which the surrogate's
 * likelihood ratio and the trust region's KL divergence are measured.
 */
public record TaskData(List<TaskSamples> supports, TaskSamples query, NDArray oldLogProbability, NDArray oldMean,
                       NDArray oldLogStd) {

    public TaskData {
        supports = List.copyOf(supports);
    }
}
