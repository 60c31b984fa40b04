package dev.metatune.algorithms.training;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * A trainable array and the stable name optimizers key their state by, e.g. {@code block0.conv.weight}.
 */
public record NamedParameter(String name, NDArray array) {

    public NamedParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(array, "array");
    }
}
