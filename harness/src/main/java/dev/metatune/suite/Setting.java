package dev.metatune.suite;

import dev.metatune.task.TaskSpec;

/**
 * One N-way K-shot setting of a suite: {@code ways} classes, {@code shots} support and
 * {@code queries} query examples per class. For regression data sets (sinusoid) {@code ways} is 1
 * and {@code shots} is K, the number of support points.
 */
public record Setting(int ways, int shots, int queries) {

    /** Queries per class when a setting does not say (the protocol's 15). */
    public static final int DEFAULT_QUERIES = 15;

    public Setting {
        if (ways < 1 || shots < 1 || queries < 1) {
            throw new IllegalArgumentException("setting needs ways, shots and queries >= 1, got ways " + ways
                    + ", shots " + shots + ", queries " + queries);
        }
    }

    /** This setting as the harness's episode shape. */
    public TaskSpec taskSpec() {
        return new TaskSpec(ways, shots, queries);
    }

    /** Short label such as {@code 5w1s}. */
    public String label() {
        return ways + "w" + shots + "s";
    }

    @Override
    public String toString() {
        return ways + "-way " + shots + "-shot " + queries + "-query";
    }
}
