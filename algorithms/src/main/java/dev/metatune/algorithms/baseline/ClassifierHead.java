package dev.metatune.algorithms.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.metatune.algorithms.training.NamedParameter;
import java.util.List;

/**
 * The classifier on top of the frozen or pretrained backbone in the transfer baselines of Chen et
 * al. 2019 ("A Closer Look at Few-shot Classification"): a linear layer ({@code baseline}) or a
 * cosine-similarity layer ({@code baseline-pp}). A head owns its parameters in its own manager.
 */
public sealed interface ClassifierHead extends AutoCloseable permits LinearHead, CosineHead {

    /** Class scores {@code [n, classes]} for {@code features [n, d]}, in the features' manager. */
    NDArray logits(NDArray features);

    /** The trainable parameters, in a fixed order. */
    List<NamedParameter> parameters();

    /** Number of classes. */
    int classes();

    /**
     * Moves the parameters into {@code scope} until it closes, so that every array computed from
     * them lands there (DJL puts a result in its first operand's manager).
     */
    default void attachTo(NDManager scope) {
        for (NamedParameter p : parameters()) {
            p.array().tempAttach(scope);
        }
    }

    @Override
    void close();
}
