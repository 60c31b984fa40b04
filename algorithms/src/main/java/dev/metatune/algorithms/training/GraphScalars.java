package dev.metatune.algorithms.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Scalar operands for operations that autograd records. DJL's {@code NDArray.mul(Number)} and
 * {@code div(Number)} wrap the number in a temporary array, compute, and close it; on the CPU such an
 * array does not own its memory (DJL hands the engine a Java direct buffer and keeps only a Java
 * reference to it), yet autograd saves the operand for the backward pass (d(x c)/dx = c). Once the
 * temporary is closed, the garbage collector may free the buffer while the graph still points into
 * it, and a later backward pass (a second-order gradient, a Fisher-vector product) reads freed memory:
 * results that depend on when the collector ran, and at worst a crash. A scalar made here is a copy
 * in the engine's own memory, which the graph keeps alive for as long as it needs it.
 */
public final class GraphScalars {

    private GraphScalars() {
    }

    /** {@code value} as a 0-dimensional array of {@code type} that owns its memory, in {@code manager}. */
    public static NDArray of(NDManager manager, double value, DataType type) {
        try (NDArray borrowed = manager.create(value)) {
            return borrowed.toType(type, true);
        }
    }
}
