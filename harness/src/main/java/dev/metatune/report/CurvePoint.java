package dev.metatune.report;

/** One intermediate value of a trial: the validation score after {@code step} meta-training steps. */
public record CurvePoint(String study, int trial, int step, double value) {
}
