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

    /**
     * A stable name such as {@code maml-omniglot-vinyals-5w1s}, for study names and folders, when the
     * data set named in the suite is the one used.
     */
    public String studyName() {
        return studyName(dataset.name());
    }

    /**
     * The study name when the data set {@code usedDataset} is used: {@link #studyName()} for the named
     * data set, {@code maml-synthetic-5w1s} for a fallback (the split scheme belongs to the named data set).
     */
    public String studyName(String usedDataset) {
        boolean named = usedDataset.equals(dataset.name());
        return algorithm.label() + "-" + usedDataset + (!named || dataset.split().isEmpty() ? "" : "-" + dataset.split())
                + "-" + setting.label();
    }
}
