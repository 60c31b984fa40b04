package dev.metatune.sweep;

import java.util.Map;
import java.util.Optional;

/**
 * Published test accuracies to put beside a run's numbers, Omniglot 5-way 1-shot / 5-way 5-shot /
 * 20-way 1-shot / 20-way 5-shot: MAML and first-order MAML from Finn, Abbeel and Levine, ICML 2017
 * (table 1); Prototypical Networks from Snell, Swersky and Zemel, NeurIPS 2017 (table 1).
 */
final class PaperNumbers {

    private static final Map<String, Double> OMNIGLOT = Map.ofEntries(
            Map.entry("maml 5w1s", 0.987), Map.entry("maml 5w5s", 0.999),
            Map.entry("maml 20w1s", 0.958), Map.entry("maml 20w5s", 0.989),
            Map.entry("fomaml 5w1s", 0.983), Map.entry("fomaml 5w5s", 0.992),
            Map.entry("fomaml 20w1s", 0.894), Map.entry("fomaml 20w5s", 0.979),
            Map.entry("protonet 5w1s", 0.988), Map.entry("protonet 5w5s", 0.997),
            Map.entry("protonet 20w1s", 0.960), Map.entry("protonet 20w5s", 0.989));

    private PaperNumbers() {
    }

    /** The paper's number for an algorithm (its registered name) on a data set in a setting such as {@code 5w1s}. */
    static Optional<Double> of(String algorithm, String dataset, String setting) {
        if (!"omniglot".equals(dataset)) {
            return Optional.empty();
        }
        return Optional.ofNullable(OMNIGLOT.get(algorithm + " " + setting));
    }
}
