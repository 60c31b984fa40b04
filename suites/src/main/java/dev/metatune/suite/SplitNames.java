package dev.metatune.suite;

import java.util.Objects;

/**
 * Which of a data set's splits a suite uses for meta-training, meta-validation (tuning only) and
 * meta-test (touched once per configuration). The defaults are the standard names
 * {@code train}, {@code val} and {@code test}; for Omniglot these are the Vinyals split.
 */
public record SplitNames(String train, String val, String test) {

    /** {@code train}, {@code val}, {@code test}. */
    public static final SplitNames DEFAULT = new SplitNames("train", "val", "test");

    public SplitNames {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(val, "val");
        Objects.requireNonNull(test, "test");
        if (train.equals(val) || train.equals(test) || val.equals(test)) {
            throw new IllegalArgumentException("train, val and test splits must differ, got " + train + ", " + val
                    + ", " + test);
        }
    }

    public boolean isDefault() {
        return equals(DEFAULT);
    }

    /** {@code train.val.test}, for names. */
    public String label() {
        return train + "." + val + "." + test;
    }
}
