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
 */
public record FinalEvaluation(long seed, List<Double> scores, Map<String, Object> parameters, double trainSeconds,
                              double testSeconds, String device) {

    public FinalEvaluation {
        scores = List.copyOf(scores);
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
}
