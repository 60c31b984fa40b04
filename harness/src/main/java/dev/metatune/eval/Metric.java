package dev.metatune.eval;

import dev.metatune.task.TaskKind;

/**
 * What an episode's score means: query accuracy (higher is better), query mean squared error (lower
 * is better) or the average return of the query trajectories of a reinforcement-learning task
 * (higher is better).
 */
public enum Metric {
    ACCURACY("accuracy", true),
    MSE("mse", false),
    RETURN("return", true);

    private final String label;
    private final boolean higherIsBetter;

    Metric(String label, boolean higherIsBetter) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
    }

    /** The metric of a task kind: accuracy for classification, MSE for regression, return for reinforcement learning. */
    public static Metric of(TaskKind kind) {
        return switch (kind) {
            case CLASSIFICATION -> ACCURACY;
            case REGRESSION -> MSE;
            case REINFORCEMENT -> RETURN;
        };
    }

    /** The name used in CSV headers and JSON keys. */
    public String label() {
        return label;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }
}
