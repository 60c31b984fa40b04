package dev.metatune.eval;

import dev.metatune.task.TaskKind;

/** What an episode's score means: query accuracy (higher is better) or query mean squared error (lower is better). */
public enum Metric {
    ACCURACY("accuracy", true),
    MSE("mse", false);

    private final String label;
    private final boolean higherIsBetter;

    Metric(String label, boolean higherIsBetter) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
    }

    /** The metric of a task kind: accuracy for classification, MSE for regression. */
    public static Metric of(TaskKind kind) {
        return kind == TaskKind.CLASSIFICATION ? ACCURACY : MSE;
    }

    /** The name used in CSV headers and JSON keys. */
    public String label() {
        return label;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }
}
