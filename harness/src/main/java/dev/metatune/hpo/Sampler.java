package dev.metatune.hpo;

import dev.metatune.space.Distribution;

import java.util.List;
import java.util.Map;

/**
 * Chooses parameter values, as Optuna's {@code BaseSampler}. A sampler may sample several
 * parameters jointly ("relative" sampling over a search space it infers from past trials, at the
 * start of a trial) and samples every other parameter on its own when the objective asks for it.
 * Values cross this interface in their internal form ({@link Distribution#toInternal}).
 * Samplers are seeded explicitly; with the same seed and the same history they give the same values.
 */
public interface Sampler {

    /** The parameters to sample jointly for {@code trial}; none by default. */
    default Map<String, Distribution> inferRelativeSearchSpace(Study study, FrozenTrial trial) {
        return Map.of();
    }

    /** Internal values for (some of) {@code searchSpace}; parameters left out are sampled independently. */
    default Map<String, Double> sampleRelative(Study study, FrozenTrial trial, Map<String, Distribution> searchSpace) {
        return Map.of();
    }

    /** An internal value for one parameter of a running trial. */
    double sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution);

    /** Called when a trial starts, before relative sampling. */
    default void beforeTrial(Study study, FrozenTrial trial) {
    }

    /**
     * How many more new trials this sampler can start, judged from {@code trials} (all of the study's
     * trials, one snapshot); unbounded by default. A grid answers how many of its points no trial has
     * taken: at 0 the worker loop stops asking (the sampler's "stop"), and
     * {@link Study#ask(int)} creates no trial beyond it.
     */
    default long remainingTrials(Study study, List<FrozenTrial> trials) {
        return Long.MAX_VALUE;
    }

    /**
     * Whether this sampler uses the study's {@link Study#prior() prior} (trials of earlier studies, a
     * warm start); false by default, and then the prior is ignored, so every sampler stays valid with
     * one. A sampler that uses it must never treat the prior's trials as trials of the study: they are
     * not stored in it, counted against its budget, or returned as its best.
     */
    default boolean usesPrior() {
        return false;
    }

    /** Called when a trial has finished and its state is stored. */
    default void afterTrial(Study study, FrozenTrial trial) {
    }
}
