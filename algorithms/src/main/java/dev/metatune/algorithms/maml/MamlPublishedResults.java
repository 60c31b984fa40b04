package dev.metatune.algorithms.maml;

import dev.metatune.learner.PublishedResult;
import java.util.List;

/**
 * The test accuracies Finn, Abbeel and Levine report for MAML and its first-order approximation
 * ("Model-Agnostic Meta-Learning for Fast Adaptation of Deep Networks", ICML 2017, Table 1: held-out
 * Omniglot characters at the top, the MiniImagenet test set at the bottom; the intervals are 95%
 * confidence intervals over tasks).
 */
final class MamlPublishedResults {

    private static final String OMNIGLOT = "Finn, Abbeel & Levine, ICML 2017, Table 1 (Omniglot)";
    private static final String MINI_IMAGENET = "Finn, Abbeel & Levine, ICML 2017, Table 1 (MiniImagenet)";

    private static final List<PublishedResult> SECOND_ORDER = List.of(
            new PublishedResult("omniglot", "5w1s", 0.987, 0.004, OMNIGLOT),
            new PublishedResult("omniglot", "5w5s", 0.999, 0.001, OMNIGLOT),
            new PublishedResult("omniglot", "20w1s", 0.958, 0.003, OMNIGLOT),
            new PublishedResult("omniglot", "20w5s", 0.989, 0.002, OMNIGLOT),
            new PublishedResult("mini-imagenet", "5w1s", 0.4870, 0.0184, MINI_IMAGENET),
            new PublishedResult("mini-imagenet", "5w5s", 0.6311, 0.0092, MINI_IMAGENET));

    private static final List<PublishedResult> FIRST_ORDER = List.of(
            new PublishedResult("omniglot", "5w1s", 0.983, 0.005, OMNIGLOT),
            new PublishedResult("omniglot", "5w5s", 0.992, 0.002, OMNIGLOT),
            new PublishedResult("omniglot", "20w1s", 0.894, 0.005, OMNIGLOT),
            new PublishedResult("omniglot", "20w5s", 0.979, 0.001, OMNIGLOT),
            new PublishedResult("mini-imagenet", "5w1s", 0.4807, 0.0175, MINI_IMAGENET),
            new PublishedResult("mini-imagenet", "5w5s", 0.6315, 0.0091, MINI_IMAGENET));

    private MamlPublishedResults() {
    }

    /** The paper's numbers for first-order MAML ({@code firstOrder}) or exact MAML. */
    static List<PublishedResult> of(boolean firstOrder) {
        return firstOrder ? FIRST_ORDER : SECOND_ORDER;
    }
}
