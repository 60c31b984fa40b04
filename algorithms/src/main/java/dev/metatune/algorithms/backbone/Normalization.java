package dev.metatune.algorithms.backbone;

import ai.djl.ndarray.NDList;

/**
 * Which statistics a BatchNorm layer of a {@link FunctionalNetwork} normalises with.
 * {@link #batch()}: the statistics of the batch being evaluated (transductive at test time, as in
 * Finn et al. 2017's code). {@link #fixed(NDList)}: statistics computed on another batch, one
 * (mean, variance) pair per BatchNorm layer, as {@link FunctionalNetwork#batchStatistics} returns
 * them; with the support set's statistics every query prediction depends on the support set and
 * that query example only (non-transductive).
 */
public record Normalization(NDList statistics) {

    private static final Normalization BATCH = new Normalization(null);

    /** Normalise with the current batch's own statistics. */
    public static Normalization batch() {
        return BATCH;
    }

    /** Normalise with given statistics: mean and variance of layer i at positions 2i and 2i+1. */
    public static Normalization fixed(NDList statistics) {
        if (statistics == null) {
            throw new IllegalArgumentException("statistics must not be null");
        }
        return new Normalization(statistics);
    }

    public boolean usesBatchStatistics() {
        return statistics == null;
    }
}
