package dev.metatune.algorithms.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;

/**
 * A network written as a pure function of its input and an explicit parameter list (fast weights),
 * so that an inner loop can evaluate it at adapted weights without mutating the meta-parameters
 * (Finn, Abbeel and Levine, "Model-Agnostic Meta-Learning for Fast Adaptation of Deep Networks",
 * ICML 2017). Implementations hold no tensors and are immutable; the forward pass works in the
 * parameters' data type (float32, or float64 for gradient checks) on their device, and its result
 * lives in the input's {@link ai.djl.ndarray.NDManager}.
 */
public interface FunctionalNetwork {

    /** The parameters, in the order {@link #forward} expects them. */
    List<ParameterSpec> parameters();

    /** Shape of one output row (e.g. {ways} for a classifier head). */
    long outputSize();

    /**
     * The network's output for a batch {@code input} at weights {@code params}. BatchNorm layers,
     * if any, normalise with {@code norm}: the statistics of this batch (transductive, as Finn et
     * al.'s reference code) or statistics given from another batch.
     */
    NDArray forward(NDList params, NDArray input, Normalization norm);

    /**
     * The per-layer BatchNorm statistics of batch {@code input} at weights {@code params}, to
     * normalise other batches with ({@link Normalization#fixed}); empty for a network without
     * BatchNorm. The statistics stay differentiable with respect to {@code params}.
     */
    NDList batchStatistics(NDList params, NDArray input);

    /** Number of scalars over all parameters. */
    default long parameterCount() {
        long n = 0;
        for (ParameterSpec p : parameters()) {
            n += p.size();
        }
        return n;
    }
}
