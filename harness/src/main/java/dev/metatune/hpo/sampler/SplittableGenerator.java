package dev.metatune.hpo.sampler;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.TrialRandomness;
import java.util.SplittableRandom;
import org.apache.commons.math3.random.AbstractRandomGenerator;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A {@link SplittableRandom} stream of {@link TrialRandomness} seen as Commons Math's
 * {@link RandomGenerator}, for the samplers' code that draws through that interface (normal draws
 * come from the base class's polar method).
 */
final class SplittableGenerator extends AbstractRandomGenerator {

    private SplittableRandom random;

    SplittableGenerator(SplittableRandom random) {
        this.random = random;
    }

    /** The generator of stream {@code purpose} of {@code trial} in {@code study}. */
    static RandomGenerator of(TrialRandomness randomness, Study study, FrozenTrial trial, String purpose) {
        return new SplittableGenerator(randomness.random(study, trial, purpose));
    }

    @Override
    public void setSeed(long seed) {
        clear();
        random = new SplittableRandom(seed);
    }

    @Override
    public double nextDouble() {
        return random.nextDouble();
    }

    @Override
    public long nextLong() {
        return random.nextLong();
    }

    @Override
    public int nextInt() {
        return random.nextInt();
    }
}
