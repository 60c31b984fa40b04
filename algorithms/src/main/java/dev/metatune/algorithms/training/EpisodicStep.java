package dev.metatune.algorithms.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.metatune.learner.StepResult;
import dev.metatune.task.Episode;
import dev.metatune.task.Examples;

/**
 * One meta-training step of a metric learner on one classification episode (ProtoNet, Matching
 * Networks, Relation Networks): the support and query images go through the network as one batch,
 * the learner's {@link Objective} turns them into a loss and per-class query scores, the loss is
 * back-propagated and Adam updates at the given rate. Everything of the step lives in a sub-manager
 * of the learner's, closed before this returns. The step reports the loss and the fraction of
 * queries whose highest score is their class.
 */
public final class EpisodicStep {

    private EpisodicStep() {
    }

    /** What a metric learner computes from an episode's images, inside the gradient recording. */
    @FunctionalInterface
    public interface Objective {
        /**
         * @param images        support then query images, one batch {@code [support + queries, ...]}
         * @param supportCount  how many of the rows are support images
         * @param supportLabels int64 {@code [support]}
         * @param queryLabels   int64 {@code [queries]}
         * @param ways          classes of the episode
         */
        Scored apply(NDArray images, int supportCount, NDArray supportLabels, NDArray queryLabels, int ways);
    }

    /**
     * A scalar loss to minimise and each query's scores {@code [queries, ways]}, highest for the
     * predicted class.
     */
    public record Scored(NDArray loss, NDArray scores) {
    }

    /** Runs one step on {@code episode} under {@code learnerManager}, then Adam at {@code lr}. */
    public static StepResult run(NDManager learnerManager, Episode episode, AdamUpdater adam, double lr,
                                 Objective objective) {
        Examples support = episode.support();
        Examples query = episode.query();
        float[] lossAndAccuracy;
        try (NDManager step = learnerManager.newSubManager()) {
            NDArray supportLabels = Batches.labels(step, support);
            NDArray queryLabels = Batches.labels(step, query);
            NDArray images = Batches.concatenated(step, support, query);
            try (GradientCollector collector = learnerManager.getEngine().newGradientCollector()) {
                Scored scored = objective.apply(images, support.count(), supportLabels, queryLabels,
                        episode.spec().ways());
                collector.backward(scored.loss());
                lossAndAccuracy = Losses.lossAndAccuracy(scored.loss(), scored.scores(), queryLabels);
            }
            adam.step(lr);
        }
        return new StepResult(lossAndAccuracy[0], lossAndAccuracy[1]);
    }
}
