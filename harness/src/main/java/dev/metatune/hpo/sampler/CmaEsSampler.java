package dev.metatune.hpo.sampler;

import dev.metatune.space.Distribution;
import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.PriorTrials;
import dev.metatune.hpo.Sampler;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.TrialState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.metatune.hpo.TrialRandomness;

/**
 * CMA-ES (Hansen and Ostermeier 2001; Hansen 2016, "The CMA Evolution Strategy: A Tutorial") over
 * the numerical parameters every complete trial shares, as Optuna's {@code CmaEsSampler}: each
 * parameter is mapped to [0, 1] (log scale where asked, steps as bins), the search starts at the
 * centre with step size {@code sigma0}, each sampled trial records its generation, and a
 * generation is told to the strategy once {@code lambda} of its trials are COMPLETE. The strategy's
 * state is rebuilt from the stored trials, so a resumed study continues where it was. Categorical
 * parameters, and everything before the first complete trial, are sampled at random. A trial's
 * draw from the strategy comes from its own stream ({@link TrialRandomness}: seed, study, trial
 * number), so workers sampling one generation side by side draw different points.
 *
 * <p>Warm start ({@link Study#prior()}): the search starts from the earlier studies' best region
 * instead of the centre, a simple form of warm-starting CMA-ES (Nomura et al. 2021, AAAI, fit a Gaussian to the
 * best source trials alike): the mean is the
 * average of the best quarter of each source's observations (by their rank-normalised values, at
 * least two where there are two), and the step size their root-mean-square spread around it in
 * the [0, 1] space, between {@link #MIN_WARM_SIGMA} and {@code sigma0}. The prior's trials are never
 * told to the strategy as a generation; with no complete trial of its own the sampler takes its
 * space from the prior.
 */
public final class CmaEsSampler implements Sampler {

    /** System attribute holding the generation a trial was sampled in. */
    public static final String GENERATION = "cmaes_generation";

    /** The smallest initial step size a warm start gives, in the [0, 1]-scaled space. */
    public static final double MIN_WARM_SIGMA = 0.05;

    private final double sigma0;
    private final int populationSize;
    private final TrialRandomness randomness;
    private final RandomSampler fallback;
    private Map<String, Distribution> space;
    private CmaEs strategy;

    public CmaEsSampler(long seed) {
        this(seed, 1.0 / 6, 0);
    }

    /**
     * @param sigma0         initial step size in the [0, 1]-scaled space (Optuna's default: range / 6)
     * @param populationSize lambda; 0 for the default 4 + floor(3 ln n)
     */
    public CmaEsSampler(long seed, double sigma0, int populationSize) {
        if (!(sigma0 > 0)) {
            throw new IllegalArgumentException("sigma0 must be > 0, got " + sigma0);
        }
        if (populationSize < 0 || populationSize == 1) {
            throw new IllegalArgumentException("popsize must be 0 (default) or >= 2, got " + populationSize);
        }
        this.sigma0 = sigma0;
        this.populationSize = populationSize;
        this.randomness = new TrialRandomness(seed);
        this.fallback = new RandomSampler(seed ^ 0x632BE59BD9B4E019L);
    }

    @Override
    public boolean usesPrior() {
        return true;
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(Study study, FrozenTrial trial) {
        if (space == null) {
            Map<String, Distribution> found = SearchSpaces.intersection(study.trials(), false);
            if (found.isEmpty()) {
                found = study.prior().sharedSpace();
            }
            Map<String, Distribution> s = new LinkedHashMap<>();
            found.forEach((k, v) -> {
                if (!(v instanceof Distribution.Categorical)) {
                    s.put(k, v);
                }
            });
            if (s.isEmpty()) {
                return Map.of();
            }
            space = s;
            double[] mean0 = new double[s.size()];
            java.util.Arrays.fill(mean0, 0.5);
            double start = sigma0;
            List<double[]> best = bestRegion(study.prior(), s);
            if (!best.isEmpty()) {
                mean0 = mean(best, s.size());
                start = best.size() < 2 ? sigma0 / 2 : Math.min(sigma0, Math.max(MIN_WARM_SIGMA, spread(best, mean0)));
            }
            strategy = new CmaEs(mean0, start, populationSize);
        }
        return space;
    }

    /** The unit-scaled points of the best quarter (at least two where there are) of each source that covers {@code s}. */
    static List<double[]> bestRegion(PriorTrials prior, Map<String, Distribution> s) {
        List<double[]> out = new ArrayList<>();
        for (List<PriorTrials.Observation> source : prior.covering(s)) {
            int take = Math.min(source.size(), Math.max(2, (int) Math.ceil(source.size() / 4.0)));
            for (PriorTrials.Observation o : source.subList(0, take)) {
                double[] x = new double[s.size()];
                int j = 0;
                for (Map.Entry<String, Distribution> e : s.entrySet()) {
                    x[j++] = UnitScale.toUnit(e.getValue(), o.internalParam(e.getKey()));
                }
                out.add(x);
            }
        }
        return out;
    }

    private static double[] mean(List<double[]> points, int d) {
        double[] m = new double[d];
        for (double[] p : points) {
            for (int j = 0; j < d; j++) {
                m[j] += p[j] / points.size();
            }
        }
        return m;
    }

    /** The root-mean-square distance per dimension of {@code points} from {@code centre}. */
    private static double spread(List<double[]> points, double[] centre) {
        double sum = 0;
        for (double[] p : points) {
            for (int j = 0; j < centre.length; j++) {
                sum += (p[j] - centre[j]) * (p[j] - centre[j]);
            }
        }
        return Math.sqrt(sum / (points.size() * centre.length));
    }

    @Override
    public Map<String, Double> sampleRelative(Study study, FrozenTrial trial, Map<String, Distribution> searchSpace) {
        catchUp(study.trials(), study);
        study.storage().setTrialSystemAttr(trial.trialId(), GENERATION, strategy.generation());
        double[] x = strategy.ask(SplittableGenerator.of(randomness, study, trial, "cmaes")); // keyed by trial number
        Map<String, Double> out = new LinkedHashMap<>();
        int j = 0;
        for (Map.Entry<String, Distribution> e : space.entrySet()) {
            out.put(e.getKey(), UnitScale.fromUnit(e.getValue(), x[j++]));
        }
        return out;
    }

    /** Tells the strategy every generation that has lambda complete trials, in order. */
    private void catchUp(List<FrozenTrial> trials, Study study) {
        while (true) {
            List<FrozenTrial> gen = new ArrayList<>();
            for (FrozenTrial t : trials) {
                if (t.state() == TrialState.COMPLETE && t.systemAttrs().get(GENERATION) instanceof Number g
                        && g.intValue() == strategy.generation() && hasSpace(t)) {
                    gen.add(t);
                }
            }
            int lambda = strategy.populationSize();
            if (gen.size() < lambda) {
                return;
            }
            double[][] xs = new double[lambda][];
            double[] losses = new double[lambda];
            for (int i = 0; i < lambda; i++) {
                FrozenTrial t = gen.get(i);
                double[] x = new double[space.size()];
                int j = 0;
                for (Map.Entry<String, Distribution> e : space.entrySet()) {
                    x[j++] = UnitScale.toUnit(e.getValue(), t.internalParam(e.getKey()));
                }
                xs[i] = x;
                losses[i] = study.direction().toLoss(t.value());
            }
            strategy.tell(xs, losses);
        }
    }

    private boolean hasSpace(FrozenTrial t) {
        for (Map.Entry<String, Distribution> e : space.entrySet()) {
            if (!e.getValue().equals(t.distributions().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public double sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        return fallback.sampleIndependent(study, trial, name, distribution);
    }
}
