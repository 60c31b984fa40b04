package dev.metatune.report;

/**
 * One point of an algorithm's adaptation curve in one (data set, setting) of a reinforcement-learning
 * run: its test score (the average return of the query trajectories) after {@code step} adaptation
 * steps, over the fixed test tasks (per-task scores averaged over training seeds), with its 95% interval.
 *
 * @param episodes test tasks
 * @param seeds    training seeds
 */
public record AdaptationPoint(String dataset, String setting, String algorithm, String metric, int step, double mean,
                              double ci95, int episodes, int seeds) {
}
