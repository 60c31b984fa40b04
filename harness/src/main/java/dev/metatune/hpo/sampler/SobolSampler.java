package dev.metatune.hpo.sampler;

import dev.metatune.space.Distribution;
import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Sampler;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.TrialState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import dev.metatune.hpo.TrialRandomness;
import java.util.SplittableRandom;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * Quasi-random search with a Sobol sequence (Sobol 1967; direction numbers of Joe and Kuo 2008, as
 * in Commons Math's {@link SobolSequenceGenerator}), as Optuna's {@code QMCSampler}: the search
 * space is the one the first complete trial used, trial number i takes point i of the sequence
 * (so workers sharing a study take different points), and every coordinate's binary digits are
 * XORed with random digits drawn from the seed and the study's name (a random digital shift, the simplest scrambling of
 * Matousek 1998 and Owen 1995), which keeps the sequence's net property, so seeds give different,
 * equally well spread designs. Once that space is known, a trial's point is a function of the seed,
 * the study and its number alone, whichever worker asks. Parameters outside that space, and those
 * of trials that start before any trial completed, are random, drawn per trial
 * ({@link TrialRandomness}).
 */
public final class SobolSampler implements Sampler {

    private static final int BITS = 52;
    private static final double SCALE = Math.pow(2, BITS);
    private static final long MASK = (1L << BITS) - 1;

    private final TrialRandomness randomness;
    private final RandomSampler fallback;
    private Map<String, Distribution> space;
    private SobolSequenceGenerator generator;
    private long[] shift;

    public SobolSampler(long seed) {
        this.randomness = new TrialRandomness(seed);
        this.fallback = new RandomSampler(seed ^ 0xC2B2AE3D27D4EB4FL);
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(Study study, FrozenTrial trial) {
        if (space == null) {
            List<FrozenTrial> trials = study.trials();
            for (FrozenTrial t : trials) {
                if (t.state() == TrialState.COMPLETE && !t.distributions().isEmpty()) {
                    Map<String, Distribution> s = new TreeMap<>(); // by name: the same dimensions whatever the storage
                    t.distributions().forEach((k, v) -> {
                        if (!v.isSingle()) {
                            s.put(k, v);
                        }
                    });
                    if (!s.isEmpty() && s.size() <= 1000) {
                        space = s;
                        generator = new SobolSequenceGenerator(s.size());
                        SplittableRandom rng = randomness.forStudy(study.name(), "sobol-shift");
                        shift = new long[s.size()];
                        for (int i = 0; i < shift.length; i++) {
                            shift[i] = rng.nextLong() & MASK;
                        }
                    }
                    break;
                }
            }
        }
        return space == null ? Map.of() : space;
    }

    @Override
    public Map<String, Double> sampleRelative(Study study, FrozenTrial trial, Map<String, Distribution> searchSpace) {
        double[] point = generator.skipTo(randomness.drawIndex(study, trial));
        Map<String, Double> out = new LinkedHashMap<>();
        int j = 0;
        for (Map.Entry<String, Distribution> e : searchSpace.entrySet()) {
            long bits = ((long) (point[j] * SCALE)) ^ shift[j];
            double u = (bits + 0.5) / SCALE;
            out.put(e.getKey(), UnitScale.fromUnit(e.getValue(), u));
            j++;
        }
        return out;
    }

    @Override
    public double sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        return fallback.sampleIndependent(study, trial, name, distribution);
    }
}
