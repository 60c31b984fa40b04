package dev.metatune.hpo.sampler;

import dev.metatune.space.Distribution;
import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Sampler;
import dev.metatune.hpo.Study;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Independent uniform sampling (on the log scale for log-scaled parameters): the baseline every
 * model-based sampler must beat (Bergstra and Bengio 2012, "Random search for hyper-parameter
 * optimization").
 */
public final class RandomSampler implements Sampler {

    private final RandomGenerator rng;

    public RandomSampler(long seed) {
        this.rng = new MersenneTwister(seed);
    }

    @Override
    public double sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        return UnitScale.fromUnit(distribution, rng.nextDouble());
    }
}
