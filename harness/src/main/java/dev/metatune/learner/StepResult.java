package dev.metatune.learner;

/**
 * What one meta-training step reports: the mean query loss over its tasks and, for classification,
 * the mean query accuracy (NaN for regression).
 */
public record StepResult(double loss, double accuracy) {
}
