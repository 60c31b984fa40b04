package dev.metatune.algorithms.baseline;

import dev.metatune.learner.PublishedResult;
import java.util.List;

/**
 * The test accuracies Chen, Liu, Kira, Wang and Huang report for their Baseline and Baseline++ ("A
 * Closer Look at Few-shot Classification", ICLR 2019, Table 3: mini-ImageNet, 5-way, Conv-4 backbone,
 * with data augmentation; the intervals are 95% confidence intervals over 600 test episodes).
 */
final class BaselinePublishedResults {

    private static final String CITATION = "Chen, Liu, Kira, Wang & Huang, ICLR 2019, Table 3 (mini-ImageNet, Conv-4)";

    private static final List<PublishedResult> LINEAR = List.of(
            new PublishedResult("mini-imagenet", "5w1s", 0.4211, 0.0071, CITATION),
            new PublishedResult("mini-imagenet", "5w5s", 0.6253, 0.0069, CITATION));

    private static final List<PublishedResult> COSINE = List.of(
            new PublishedResult("mini-imagenet", "5w1s", 0.4824, 0.0075, CITATION),
            new PublishedResult("mini-imagenet", "5w5s", 0.6643, 0.0063, CITATION));

    private BaselinePublishedResults() {
    }

    /** The paper's numbers for the baseline with a {@code head} classifier. */
    static List<PublishedResult> of(HeadKind head) {
        return head == HeadKind.LINEAR ? LINEAR : COSINE;
    }
}
