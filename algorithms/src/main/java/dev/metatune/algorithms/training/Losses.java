package dev.metatune.algorithms.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Classification losses and metrics on logits {@code [n, classes]} and int64 labels {@code [n]}. */
public final class Losses {

    private Losses() {
    }

    /** Mean cross-entropy of softmax(logits) against {@code labels}; a scalar in logits' manager. */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        return logits.logSoftmax(1).gather(labels.reshape(-1, 1), 1).mean().neg();
    }

    /** Fraction of rows whose arg-max is the label; a float scalar. */
    public static NDArray accuracy(NDArray logits, NDArray labels) {
        return logits.argMax(1).eq(labels).toType(DataType.FLOAT32, false).mean();
    }

    /** Loss and accuracy read back to the host in one transfer: {@code {loss, accuracy}}. */
    public static float[] lossAndAccuracy(NDArray loss, NDArray logits, NDArray labels) {
        NDArray accuracy = accuracy(logits, labels);
        return loss.stopGradient().reshape(1).concat(accuracy.reshape(1)).toFloatArray();
    }
}
