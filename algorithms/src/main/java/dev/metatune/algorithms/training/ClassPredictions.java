package dev.metatune.algorithms.training;

import ai.djl.ndarray.NDArray;
import dev.metatune.learner.Prediction;

/** A classifier's prediction from its per-class scores on the device. */
public final class ClassPredictions {

    private ClassPredictions() {
    }

    /** Each row's arg-max class and all the scores of {@code scores [n, ways]}, read to the host. */
    public static Prediction of(NDArray scores) {
        float[] flat = scores.toFloatArray();
        long[] best = scores.argMax(1).toLongArray();
        int[] labels = new int[best.length];
        for (int i = 0; i < best.length; i++) {
            labels[i] = (int) best[i];
        }
        return Prediction.classes(labels, flat);
    }
}
