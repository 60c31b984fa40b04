package dev.metatune.train;

/**
 * What a meta-training run did.
 *
 * @param steps       meta-training steps taken
 * @param episodes    training episodes consumed
 * @param seconds     wall-clock seconds
 * @param finalLoss   mean query loss over the last steps (up to 50)
 * @param finalAccuracy mean query accuracy over the last steps (NaN for regression)
 */
public record TrainingSummary(int steps, long episodes, double seconds, double finalLoss, double finalAccuracy) {
}
