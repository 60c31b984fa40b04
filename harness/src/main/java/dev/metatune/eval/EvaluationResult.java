package dev.metatune.eval;

import java.util.Arrays;

/**
 * The score of one learner on a fixed set of test episodes: the per-episode scores (kept for paired
 * comparisons between algorithms on the same episodes) and their mean with a 95% interval.
 *
 * @param metric     accuracy (classification) or MSE (regression)
 * @param perEpisode the score of episode i at position i
 * @param seconds    wall-clock seconds the evaluation took
 * @param byAdaptationStep for reinforcement learning, the score of episode i after k adaptation steps
 *                   at [k][i], k = 0, 1, ... (the curve of Finn et al. 2017, figure 4); empty otherwise
 * @param byPresentation for a {@link dev.metatune.learner.SequenceLearner}, the accuracy of episode i at
 *                   the (k + 1)-th presentation of a class at [k][i], the queries' in the last row (Santoro et
 *                   al. 2016's accuracy by instance); empty otherwise
 */
public record EvaluationResult(Metric metric, double[] perEpisode, MeanInterval summary, double seconds,
                               double[][] byAdaptationStep, double[][] byPresentation) {

    public EvaluationResult {
        perEpisode = perEpisode.clone();
        byAdaptationStep = copy(byAdaptationStep);
        byPresentation = copy(byPresentation);
        checkRows("byAdaptationStep", byAdaptationStep, perEpisode.length);
        checkRows("byPresentation", byPresentation, perEpisode.length);
        if (perEpisode.length != summary.n()) {
            throw new IllegalArgumentException("perEpisode has " + perEpisode.length + " scores but the summary counts "
                    + summary.n());
        }
    }

    public EvaluationResult(Metric metric, double[] perEpisode, MeanInterval summary, double seconds,
                            double[][] byAdaptationStep) {
        this(metric, perEpisode, summary, seconds, byAdaptationStep, new double[0][]);
    }

    public EvaluationResult(Metric metric, double[] perEpisode, MeanInterval summary, double seconds) {
        this(metric, perEpisode, summary, seconds, new double[0][]);
    }

    private static void checkRows(String name, double[][] rows, int episodes) {
        for (double[] row : rows) {
            if (row.length != episodes) {
                throw new IllegalArgumentException(name + " rows must have " + episodes + " scores, got " + row.length);
            }
        }
    }

    /** This result with the accuracies by presentation of its episodes ({@link PresentationTally#rows()}). */
    public EvaluationResult withPresentations(double[][] rows) {
        return new EvaluationResult(metric, perEpisode, summary, seconds, byAdaptationStep, rows);
    }

    public static EvaluationResult of(Metric metric, double[] perEpisode, double seconds) {
        return new EvaluationResult(metric, perEpisode, MeanInterval.of(perEpisode), seconds);
    }

    /** A result whose episodes were scored after each of several adaptation steps, {@code headline} the reported one. */
    public static EvaluationResult ofSteps(Metric metric, double[][] byAdaptationStep, int headline, double seconds) {
        double[] scores = byAdaptationStep[headline];
        return new EvaluationResult(metric, scores, MeanInterval.of(scores), seconds, byAdaptationStep);
    }

    @Override
    public double[] perEpisode() {
        return perEpisode.clone();
    }

    @Override
    public double[][] byAdaptationStep() {
        return copy(byAdaptationStep);
    }

    @Override
    public double[][] byPresentation() {
        return copy(byPresentation);
    }

    /** Mean and 95% interval over the episodes after each adaptation step (empty without steps). */
    public java.util.List<MeanInterval> curve() {
        return summaries(byAdaptationStep);
    }

    /**
     * Mean and 95% interval over the episodes at each presentation, the 1st first and the queries last
     * (empty for a learner that is no {@link dev.metatune.learner.SequenceLearner}).
     */
    public java.util.List<MeanInterval> presentationCurve() {
        return summaries(byPresentation);
    }

    private static java.util.List<MeanInterval> summaries(double[][] rows) {
        java.util.List<MeanInterval> out = new java.util.ArrayList<>();
        for (double[] row : rows) {
            out.add(MeanInterval.of(row));
        }
        return out;
    }

    private static double[][] copy(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }

    public int episodes() {
        return perEpisode.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvaluationResult r && metric == r.metric && Arrays.equals(perEpisode, r.perEpisode)
                && Arrays.deepEquals(byAdaptationStep, r.byAdaptationStep)
                && Arrays.deepEquals(byPresentation, r.byPresentation);
    }

    @Override
    public int hashCode() {
        return 31 * metric.hashCode() + Arrays.hashCode(perEpisode);
    }
}
