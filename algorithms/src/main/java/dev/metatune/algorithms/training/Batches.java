package dev.metatune.algorithms.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.metatune.task.Episode;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskKind;
import java.util.List;

/** Turns {@link Examples} into arrays on a manager's device, with one host-to-device copy each. */
public final class Batches {

    private Batches() {
    }

    /** The inputs of {@code examples} as {@code [count, ...exampleShape]}. */
    public static NDArray inputs(NDManager manager, Examples examples) {
        return manager.create(examples.inputs(), new Shape(examples.batchShape()));
    }

    /** The inputs of {@code first} then those of {@code second} in one batch (one copy to the device). */
    public static NDArray concatenated(NDManager manager, Examples first, Examples second) {
        if (!java.util.Arrays.equals(first.exampleShape(), second.exampleShape())) {
            throw new IllegalArgumentException("example shapes differ: " + first + " and " + second);
        }
        float[] a = first.inputs();
        float[] b = second.inputs();
        float[] all = new float[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        long[] shape = first.batchShape();
        shape[0] = first.count() + second.count();
        return manager.create(all, new Shape(shape));
    }

    /** The labels of classification {@code examples} as int64 {@code [count]}. */
    public static NDArray labels(NDManager manager, Examples examples) {
        int[] labels = examples.labels();
        if (labels == null) {
            throw new IllegalArgumentException("examples have no labels: " + examples);
        }
        long[] wide = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            wide[i] = labels[i];
        }
        return manager.create(wide);
    }

    /** Number of classes: one more than the largest label; every label must be in 0..ways-1. */
    public static int ways(Examples examples) {
        int max = -1;
        for (int label : examples.labels()) {
            if (label < 0) {
                throw new IllegalArgumentException("labels must be non-negative, got " + label);
            }
            max = Math.max(max, label);
        }
        return max + 1;
    }

    /**
     * The number of classes of a support set, each of which must have at least one example; an
     * {@link IllegalArgumentException} naming the first class without one otherwise.
     */
    public static int waysWithEveryClass(Examples support) {
        int ways = ways(support);
        int[] counts = new int[ways];
        for (int label : support.labels()) {
            counts[label]++;
        }
        for (int c = 0; c < ways; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("support set has no example of class " + c + " (labels 0.."
                        + (ways - 1) + ")");
            }
        }
        return ways;
    }

    /**
     * Checks a meta-batch: at least one episode, every one of {@code kind} (the kind the learner was
     * created for); an {@link IllegalArgumentException} naming the offending episode otherwise.
     */
    public static void checkMetaBatch(List<Episode> batch, TaskKind kind) {
        if (batch == null || batch.isEmpty()) {
            throw new IllegalArgumentException("a meta-batch needs at least one episode");
        }
        for (Episode e : batch) {
            if (e.kind() != kind) {
                throw new IllegalArgumentException("this learner was created for " + kind + " tasks, got " + e);
            }
        }
    }

    /**
     * The one classification episode of {@code batch}, for learners that train on one episode per step
     * (metric learners such as ProtoNet); {@code algorithm} names the learner in the messages.
     */
    public static Episode singleClassificationEpisode(List<Episode> batch, String algorithm) {
        if (batch.size() != 1) {
            throw new IllegalArgumentException(algorithm + " trains on one episode per step, got " + batch.size());
        }
        Episode episode = batch.get(0);
        if (episode.kind() != TaskKind.CLASSIFICATION) {
            throw new IllegalArgumentException(algorithm + " needs classification episodes, got " + episode.kind());
        }
        return episode;
    }
}
