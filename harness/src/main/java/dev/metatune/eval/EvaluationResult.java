package dev.metatune.eval;

import java.util.Arrays;

/**
 * The score of one learner on a fixed set of test episodes: the per-episode scores (kept for paired
 * comparisons between algorithms on the same episodes) and their mean with a 95% interval.
 *
 * @param metric     accuracy (classification) or MSE (regression)
 * @param perEpisode the score of episode i at position i
 * @param seconds    wall-clock seconds the evaluation took
 */
public record EvaluationResult(Metric metric, double[] perEpisode, MeanInterval summary, double seconds) {

    public EvaluationResult {
        perEpisode = perEpisode.clone();
        if (perEpisode.length != summary.n()) {
            throw new IllegalArgumentException("perEpisode has " + perEpisode.length + " scores but the summary counts "
                    + summary.n());
        }
    }

    public static EvaluationResult of(Metric metric, double[] perEpisode, double seconds) {
        return new EvaluationResult(metric, perEpisode, MeanInterval.of(perEpisode), seconds);
    }

    @Override
    public double[] perEpisode() {
        return perEpisode.clone();
    }

    public int episodes() {
        return perEpisode.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvaluationResult r && metric == r.metric && Arrays.equals(perEpisode, r.perEpisode);
    }

    @Override
    public int hashCode() {
        return 31 * metric.hashCode() + Arrays.hashCode(perEpisode);
    }
}
