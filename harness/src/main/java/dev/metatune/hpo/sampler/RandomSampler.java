package dev.metatune.hpo.sampler;

import dev.metatune.space.Distribution;
import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Sampler;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.TrialRandomness;

/**
 * Independent uniform sampling (on the log scale for log-scaled parameters): the baseline every
 * model-based sampler must beat (Bergstra and Bengio 2012, "Random search for hyper-parameter
 * optimization"). Each value is drawn from the stream of {@link TrialRandomness} for (seed, study,
 * trial number, parameter name): a trial's values do not depend on which worker asked, and workers
 * sharing a study with one seed draw different points.
 */
public final class RandomSampler implements Sampler {

    private final TrialRandomness randomness;

    public RandomSampler(long seed) {
        this.randomness = new TrialRandomness(seed);
    }

    @Override
    public double sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        return UnitScale.fromUnit(distribution, randomness.random(study, trial, name).nextDouble());
    }
}
