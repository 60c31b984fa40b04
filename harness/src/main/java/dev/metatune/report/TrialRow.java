package dev.metatune.report;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One tuning trial as the reports show it.
 *
 * @param study             the study's name, e.g. {@code omniglot/5w1s/maml}
 * @param number            the trial's number within its study
 * @param state             COMPLETE, PRUNED, FAIL, RUNNING or WAITING
 * @param params            every suggested or fixed parameter, by name
 * @param value             the objective value (validation accuracy or MSE), null when none
 * @param intermediateCount how many intermediate values were reported
 * @param seconds           wall-clock seconds the trial ran
 * @param device            where it ran, e.g. {@code cpu()}
 * @param seed              the training seed
 * @param failReason        why a FAIL trial failed (empty otherwise)
 */
public record TrialRow(String study, int number, String state, Map<String, Object> params, Double value,
                       int intermediateCount, double seconds, String device, long seed, String failReason) {

    public TrialRow {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(state, "state");
        params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
        failReason = failReason == null ? "" : failReason;
    }
}
