package dev.metatune.eval;

import dev.metatune.learner.Prediction;
import dev.metatune.task.Examples;

/** Scores one prediction against the query set's truth. */
public final class EpisodeScores {

    private EpisodeScores() {
    }

    /** Fraction of query examples whose predicted label is right. */
    public static double accuracy(Prediction prediction, Examples query) {
        int[] truth = query.labels();
        int[] predicted = prediction.labels();
        if (truth == null || predicted == null) {
            throw new IllegalArgumentException("accuracy needs labelled queries and label predictions");
        }
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException("prediction has " + predicted.length + " labels for " + truth.length
                    + " query examples");
        }
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            if (predicted[i] == truth[i]) {
                right++;
            }
        }
        return (double) right / truth.length;
    }

    /** Mean squared error of the predicted values. */
    public static double meanSquaredError(Prediction prediction, Examples query) {
        float[] truth = query.targets();
        float[] predicted = prediction.values();
        if (truth == null || predicted == null) {
            throw new IllegalArgumentException("MSE needs regression targets and value predictions");
        }
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException("prediction has " + predicted.length + " values for " + truth.length
                    + " query examples");
        }
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double d = (double) predicted[i] - truth[i];
            sum += d * d;
        }
        return sum / truth.length;
    }

    /** The score of {@code metric}. */
    public static double score(Metric metric, Prediction prediction, Examples query) {
        return metric == Metric.ACCURACY ? accuracy(prediction, query) : meanSquaredError(prediction, query);
    }
}
