package dev.metatune.suite;

import java.util.Objects;

/**
 * One study a suite asks for: an algorithm entry tuned on one data set in one setting, for
 * {@code trials} trials, then its best configuration evaluated on the meta-test episodes.
 */
public record StudyPlan(AlgorithmEntry algorithm, DatasetEntry dataset, Setting setting) {

    public StudyPlan {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(setting, "setting");
    }

    /** Trials of this study. */
    public int trials() {
        return algorithm.trials();
    }

    /** A stable name such as {@code maml-omniglot-5w1s}, for study names and folders. */
    public String studyName() {
        return algorithm.label() + "-" + dataset.name() + (dataset.split().isEmpty() ? "" : "-" + dataset.split())
                + "-" + setting.label();
    }
}
