package dev.metatune.algorithms.matchingnet;

import ai.djl.ndarray.NDArray;

/**
 * How a query's embedding is compared with each support embedding before the softmax over the
 * support set ({@code similarity}). Vinyals et al. 2016 use the cosine; the negative squared
 * Euclidean distance is the common alternative that independent reimplementations found to reach the
 * paper's Omniglot numbers when the cosine did not (its scores lie in [-1, 1], so the attention stays
 * nearly flat and training converges slowly).
 */
public enum Similarity {
    /** Cosine similarity, the paper's. */
    COSINE("cosine"),
    /** Negative squared Euclidean distance. */
    L2("l2");

    private final String label;

    Similarity(String label) {
        this.label = label;
    }

    /** The value named {@code label}; anything else is an error naming the field. */
    public static Similarity of(String label) {
        for (Similarity s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("hyperparameter 'similarity' must be one of cosine, l2, got '" + label + "'");
    }

    /** Scores {@code [m, n]} of {@code queries [m, d]} against {@code support [n, d]}. */
    public NDArray scores(NDArray queries, NDArray support) {
        if (this == COSINE) {
            return SupportAttention.cosine(queries, support);
        }
        NDArray q2 = queries.square().sum(new int[] {1}, true);
        NDArray s2 = support.square().sum(new int[] {1}).reshape(1, -1);
        NDArray dot = queries.matMul(support.transpose());
        // 2 q.s as a sum: a Java number in the autograd graph would lend the engine memory the collector frees
        return dot.add(dot).sub(q2).sub(s2);
    }
}
