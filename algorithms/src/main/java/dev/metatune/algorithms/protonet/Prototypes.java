package dev.metatune.algorithms.protonet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The two formulas of Prototypical Networks (Snell et al. 2017, eq. 1 and 2): a class's prototype
 * is the mean embedding of its support examples, and a query's logit for a class is minus the
 * squared Euclidean distance to that class's prototype.
 */
public final class Prototypes {

    private Prototypes() {
    }

    /**
     * Class means: {@code embeddings [n, d]}, int64 {@code labels [n]} in 0..ways-1, every class present;
     * returns {@code [ways, d]} in the embeddings' manager (sum through a one-hot matrix, then divided by
     * each class's count, so support examples may come in any order and classes may differ in size).
     */
    public static NDArray means(NDArray embeddings, NDArray labels, int ways) {
        NDArray oneHot = labels.oneHot(ways, DataType.FLOAT32).transpose(); // [ways, n]
        NDArray counts = oneHot.sum(new int[] {1}, true); // [ways, 1]
        return oneHot.matMul(embeddings).div(counts);
    }

    /** Minus squared Euclidean distances: {@code queries [m, d]}, {@code prototypes [k, d]} -> {@code [m, k]}. */
    public static NDArray negativeSquaredDistances(NDArray queries, NDArray prototypes) {
        return queries.expandDims(1).sub(prototypes.expandDims(0)).square().sum(new int[] {2}).neg();
    }
}
