package dev.metatune.learner;

import dev.metatune.task.Episode;

/**
 * A classification meta-learner that reads a support set as a sequence and predicts each example's
 * label before the label is shown, as the memory-augmented networks of Santoro et al. (ICML 2016)
 * do; it can therefore be scored by instance, the paper's measure (Table 1): the accuracy at the
 * 1st, 2nd, ... presentation of a class, beside the usual query accuracy after the whole support.
 */
public interface SequenceLearner extends MetaLearner {

    /**
     * The accuracy by presentation on one episode, from the meta-learned state (left unchanged), with
     * the support presented as {@link #adapt} presents it: element {@code k - 1} is the fraction of
     * correct predictions at the {@code k}-th presentation of a class in the support sequence
     * ({@code k = 1 .. shots}), and the last element, at index {@code shots}, that of the queries
     * (each the presentation after the {@code shots} labelled ones), which equals the episode's
     * accuracy through {@link #adapt}.
     */
    double[] accuracyByPresentation(Episode episode);

    /** The English ordinal naming the {@code presentation}-th presentation of a class: 1st, 2nd, 3rd, 4th, 11th, 21st. */
    static String ordinal(int presentation) {
        int mod100 = presentation % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (presentation % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return presentation + suffix;
    }
}
