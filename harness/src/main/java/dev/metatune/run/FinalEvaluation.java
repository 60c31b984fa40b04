package dev.metatune.run;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One final evaluation of a study's best configuration: trained with one seed for the final budget,
 * then scored on the fixed meta-test episodes (the same for every algorithm, so comparisons are paired).
 *
 * @param seed            the training seed
 * @param scores          the per-episode test scores, in episode order
 * @param parameters      every hyperparameter the learner was built with (defaults included), by name
 * @param trainSeconds    wall-clock seconds of meta-training
 * @param testSeconds     wall-clock seconds of the test
 * @param device          the device it ran on, e.g. {@code cpu()}
 * @param stepScores      for reinforcement learning, the per-episode scores after 0, 1, 2, ... adaptation
 *                        steps (the return-against-adaptation curve); empty for other task kinds
 */
public record FinalEvaluation(long seed, List<Double> scores, Map<String, Object> parameters, double trainSeconds,
                              double testSeconds, String device, List<List<Double>> stepScores) {

    /** A final evaluation scored after the learner's test adaptation only (classification, regression). */
    public FinalEvaluation(long seed, List<Double> scores, Map<String, Object> parameters, double trainSeconds,
                           double testSeconds, String device) {
        this(seed, scores, parameters, trainSeconds, testSeconds, device, List.of());
    }

    public FinalEvaluation {
        scores = List.copyOf(scores);
        stepScores = stepScores.stream().map(List::copyOf).toList();
        for (List<Double> step : stepScores) {
            if (step.size() != scores.size()) {
                throw new IllegalArgumentException("every adaptation step needs a score per episode (" + scores.size()
                        + "), got " + step.size());
            }
        }
        parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
        Objects.requireNonNull(device, "device");
        if (!(trainSeconds >= 0) || !(testSeconds >= 0)) {
            throw new IllegalArgumentException("final evaluation seconds must be >= 0, got train " + trainSeconds
                    + " and test " + testSeconds);
        }
    }

    /** The scores as an array. */
    public double[] scoreArray() {
        return scores.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The per-episode scores after {@code step} adaptation steps, as an array; {@code step < stepScores().size()}. */
    public double[] stepScoreArray(int step) {
        return stepScores.get(step).stream().mapToDouble(Double::doubleValue).toArray();
    }
}
