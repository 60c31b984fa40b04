package dev.metatune.learner;

/**
 * An adapted model's output on a query set: for classification the predicted label of each
 * example (and the scores behind it, row-major [count, ways]); for regression the predicted values.
 */
public record Prediction(int[] labels, float[] scores, float[] values) {

    public static Prediction classes(int[] labels, float[] scores) {
        return new Prediction(labels, scores, null);
    }

    public static Prediction regression(float[] values) {
        return new Prediction(null, null, values);
    }
}
