package dev.metatune.task;

/** What a task asks a learner to predict: a class among the episode's ways, or a real value. */
public enum TaskKind {
    /** N-way classification; labels are 0..N-1 and the metric is accuracy. */
    CLASSIFICATION,
    /** Regression of one real target per example; the metric is mean squared error. */
    REGRESSION
}
