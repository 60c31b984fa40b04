package dev.metatune.hpo;

import dev.metatune.space.Distribution;

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

    /** Called when a trial has finished and its state is stored. */
    default void afterTrial(Study study, FrozenTrial trial) {
    }
}
