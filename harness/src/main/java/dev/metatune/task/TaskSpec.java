package dev.metatune.task;

/**
 * The shape of an episode: N ways, K support examples per way and Q query examples per way.
 * For regression tasks {@code ways} is 1, {@code shots} the number of support points (K in
 * Finn et al. 2017) and {@code queries} the number of query points.
 */
public record TaskSpec(int ways, int shots, int queries) {

    public TaskSpec {
        if (ways < 1) {
            throw new IllegalArgumentException("ways must be at least 1, got " + ways);
        }
        if (shots < 1) {
            throw new IllegalArgumentException("shots must be at least 1, got " + shots);
        }
        if (queries < 1) {
            throw new IllegalArgumentException("queries must be at least 1, got " + queries);
        }
    }

    /** Support plus query examples drawn from each class. */
    public int examplesPerClass() {
        return shots + queries;
    }

    @Override
    public String toString() {
        return ways + "-way " + shots + "-shot " + queries + "-query";
    }
}
