package dev.metatune.algorithms.matchingnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The Matching Networks classifier (Vinyals et al. 2016, eq. 1 and 2): a query's label distribution
 * is the attention-weighted sum of the one-hot support labels, {@code P(y | x, S) = sum_i a(x, x_i) y_i},
 * with attention the softmax over the support set of a {@link Similarity} between the query's
 * embedding and each support embedding (the cosine in the paper).
 */
public final class SupportAttention {

    private static final float EPS = 1e-8f;
    /** Added to the log-attention of support examples of other classes: exp of it is 0 in float32. */
    private static final float OTHER_CLASS = -1e30f;

    private SupportAttention() {
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
     * Log class probabilities {@code [m, ways]}: per class, the log of the attention mass on its
     * support examples, taken as a log-sum-exp of the log-softmax so that a peaked attention (the
     * Euclidean scores are unbounded) gives finite logs for every class present in the support set.
     */
    public static NDArray logClassProbabilities(Similarity similarity, NDArray queries, NDArray support,
            NDArray supportLabels, int ways) {
        NDArray logAttention = similarity.scores(queries, support).logSoftmax(1).expandDims(2); // [m, n, 1]
        NDArray oneHot = supportLabels.oneHot(ways, DataType.FLOAT32); // [n, ways]
        NDArray otherClass = oneHot.neg().add(1).mul(OTHER_CLASS).expandDims(0); // [1, n, ways], no gradient
        NDArray masked = logAttention.add(otherClass); // [m, n, ways]
        NDArray peak = masked.max(new int[] {1}, true).stopGradient();
        return masked.sub(peak).exp().sum(new int[] {1}).log().add(peak.squeeze(1));
    }
}
