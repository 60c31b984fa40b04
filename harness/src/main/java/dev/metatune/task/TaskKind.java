package dev.metatune.task;

/**
 * What a task asks a learner to do: predict a class among the episode's ways, predict a real value,
 * or act in an environment drawn from a distribution (reinforcement learning).
 */
public enum TaskKind {
    /** N-way classification; labels are 0..N-1 and the metric is accuracy. */
    CLASSIFICATION,
    /** Regression of one real target per example; the metric is mean squared error. */
    REGRESSION,
    /**
     * Reinforcement learning: a task is an environment drawn from a family ({@link EnvironmentTask});
     * the support is the trajectories a learner collects with its current policy, the query those it
     * collects after adapting, and the metric is the average return of the query trajectories (Finn,
     * Abbeel and Levine, ICML 2017, section 5.3). Episodes have {@code ways = 1}, {@code shots}
     * support trajectories per adaptation step and {@code queries} query trajectories; the
     * "example shape" of their source (and of a learner's context) is {observationSize, actionSize},
     * the sizes of the agent's interface.
     */
    REINFORCEMENT
}
