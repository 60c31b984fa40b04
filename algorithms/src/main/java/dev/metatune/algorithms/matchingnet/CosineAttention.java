package dev.metatune.algorithms.matchingnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The Matching Networks classifier (Vinyals et al. 2016, eq. 1 and 2): a query's label distribution
 * is the attention-weighted sum of the one-hot support labels, {@code P(y | x, S) = sum_i a(x, x_i) y_i},
 * with attention the softmax over the support set of the cosine similarities between the query's
 * embedding and each support embedding.
 */
public final class CosineAttention {

    private static final float EPS = 1e-8f;

    private CosineAttention() {
    }

    /** Cosine similarities: {@code queries [m, d]}, {@code support [n, d]} -> {@code [m, n]}. */
    public static NDArray cosine(NDArray queries, NDArray support) {
        return unit(queries).matMul(unit(support).transpose());
    }

    /** Rows scaled to unit length (a tiny epsilon under the square root keeps zero rows finite). */
    static NDArray unit(NDArray x) {
        return x.div(x.square().sum(new int[] {1}, true).add(EPS).sqrt());
    }

    /**
     * Log class probabilities {@code [m, ways]}: log of softmax(cosine) times the one-hot support labels.
     * Cosines lie in [-1, 1], so every class present in the support set has probability at least
     * e^-2 / n and the logarithm is finite.
     */
    public static NDArray logClassProbabilities(NDArray queries, NDArray support, NDArray supportLabels, int ways) {
        NDArray attention = cosine(queries, support).softmax(1);
        NDArray oneHot = supportLabels.oneHot(ways, DataType.FLOAT32); // [n, ways]
        return attention.matMul(oneHot).log();
    }
}
