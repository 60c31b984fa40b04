package dev.metatune.hpo.sampler;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Sampler;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.TrialState;
import dev.metatune.space.Distribution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Gaussian-process Bayesian optimisation with expected improvement (Jones, Schonlau and Welch 1998;
 * Snoek, Larochelle and Adams 2012), over the parameters every complete trial shares: each
 * number is mapped to [0, 1] (log scale where asked, steps as bins), each categorical parameter to
 * a one-hot block; a {@link GaussianProcess} (Matérn 5/2, hyperparameters by maximum marginal
 * likelihood) is fitted to the losses of the complete trials, and the next point is the one with
 * the largest expected improvement among random points of the cube and perturbations of the best
 * trials, polished by a coordinate search. The first {@code nStartupTrials} trials, and
 * parameters outside the shared space, are sampled at random. With more than {@code maxObservations}
 * complete trials the model sees the best half of that many and the most recent rest, so an ask
 * stays bounded in time.
 */
public final class GpSampler implements Sampler {

    /** Settings; {@link #defaults()} are documented on {@link GpSamplerProvider}. */
    public record Settings(int nStartupTrials, int nCandidates, int restarts, int maxObservations) {
        public Settings {
            if (nStartupTrials < 1) {
                throw new IllegalArgumentException("n_startup_trials must be >= 1, got " + nStartupTrials);
            }
            if (nCandidates < 1) {
                throw new IllegalArgumentException("n_candidates must be >= 1, got " + nCandidates);
            }
            if (restarts < 0) {
                throw new IllegalArgumentException("restarts must be >= 0, got " + restarts);
            }
            if (maxObservations < 2) {
                throw new IllegalArgumentException("max_observations must be >= 2, got " + maxObservations);
            }
        }

        public static Settings defaults() {
            return new Settings(10, 2000, 2, 200);
        }
    }

    private static final int LOCAL_PER_BEST = 100;
    private static final int BEST_SEEDS = 5;
    private static final int POLISHED = 3;
    private static final int LIKELIHOOD_EVALUATIONS = 400;

    private final Settings settings;
    private final RandomGenerator rng;
    private final RandomSampler random;

    public GpSampler(long seed) {
        this(seed, Settings.defaults());
    }

    public GpSampler(long seed, Settings settings) {
        this.settings = settings;
        this.rng = new MersenneTwister(seed);
        this.random = new RandomSampler(seed ^ 0x3C6EF372FE94F82BL);
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(Study study, FrozenTrial trial) {
        return SearchSpaces.intersection(study.trials(), false);
    }

    @Override
    public Map<String, Double> sampleRelative(Study study, FrozenTrial trial, Map<String, Distribution> searchSpace) {
        List<FrozenTrial> complete = new ArrayList<>();
        for (FrozenTrial t : study.trials()) {
            if (t.state() == TrialState.COMPLETE && t.value() != null && has(t, searchSpace)) {
                complete.add(t);
            }
        }
        if (searchSpace.isEmpty() || complete.size() < settings.nStartupTrials()) {
            return Map.of();
        }
        complete = bounded(complete, study);
        Distribution[] space = searchSpace.values().toArray(new Distribution[0]);
        String[] names = searchSpace.keySet().toArray(new String[0]);
        int[] offsets = new int[space.length + 1];
        for (int j = 0; j < space.length; j++) {
            offsets[j + 1] = offsets[j] + width(space[j]);
        }
        int n = complete.size();
        double[][] xs = new double[n][];
        double[] ys = new double[n];
        double worst = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            FrozenTrial t = complete.get(i);
            xs[i] = encode(t, names, space, offsets);
            ys[i] = study.direction().toLoss(t.value());
            if (Double.isFinite(ys[i])) {
                worst = Math.max(worst, ys[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(ys[i])) {
                ys[i] = worst == Double.NEGATIVE_INFINITY ? 0 : worst;
            }
        }
        GaussianProcess gp = GaussianProcess.fit(xs, ys, rng, settings.restarts(), LIKELIHOOD_EVALUATIONS);
        double[] x = maximiseEi(gp, xs, ys, space, offsets);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < space.length; j++) {
            out.put(names[j], decode(space[j], x, offsets[j]));
        }
        return out;
    }

    @Override
    public double sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        return random.sampleIndependent(study, trial, name, distribution);
    }

    /** At most maxObservations trials: the best half of them and the most recent others. */
    private List<FrozenTrial> bounded(List<FrozenTrial> complete, Study study) {
        int max = settings.maxObservations();
        if (complete.size() <= max) {
            return complete;
        }
        List<FrozenTrial> byLoss = new ArrayList<>(complete);
        byLoss.sort(Comparator.comparingDouble((FrozenTrial t) -> study.direction().toLoss(t.value()))
                .thenComparingInt(FrozenTrial::number));
        java.util.Set<FrozenTrial> kept = new java.util.LinkedHashSet<>(byLoss.subList(0, max / 2));
        for (int i = complete.size() - 1; i >= 0 && kept.size() < max; i--) {
            kept.add(complete.get(i));
        }
        return new ArrayList<>(kept);
    }

    private double[] maximiseEi(GaussianProcess gp, double[][] xs, double[] ys, Distribution[] space, int[] offsets) {
        int dims = offsets[space.length];
        double best = Double.POSITIVE_INFINITY;
        for (double y : ys) {
            best = Math.min(best, y);
        }
        List<double[]> candidates = new ArrayList<>();
        for (int c = 0; c < settings.nCandidates(); c++) {
            double[] x = new double[dims];
            for (int j = 0; j < space.length; j++) {
                randomize(x, space[j], offsets[j]);
            }
            candidates.add(x);
        }
        Integer[] order = new Integer[ys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> ys[i]));
        for (int b = 0; b < Math.min(BEST_SEEDS, order.length); b++) {
            for (int c = 0; c < LOCAL_PER_BEST; c++) {
                double[] x = xs[order[b]].clone();
                double sd = c % 2 == 0 ? 0.02 : 0.1;
                for (int j = 0; j < space.length; j++) {
                    if (space[j] instanceof Distribution.Categorical) {
                        if (rng.nextDouble() < 0.2) {
                            randomize(x, space[j], offsets[j]);
                        }
                    } else {
                        x[offsets[j]] = clamp(x[offsets[j]] + sd * rng.nextGaussian());
                    }
                }
                candidates.add(x);
            }
        }
        double[] scores = new double[candidates.size()];
        Integer[] rank = new Integer[candidates.size()];
        for (int c = 0; c < scores.length; c++) {
            scores[c] = ei(gp, candidates.get(c), best);
            rank[c] = c;
        }
        java.util.Arrays.sort(rank, (a, b) -> Double.compare(scores[b], scores[a]));
        double[] winner = candidates.get(rank[0]);
        double winnerScore = scores[rank[0]];
        for (int p = 0; p < Math.min(POLISHED, rank.length); p++) {
            double[] x = candidates.get(rank[p]).clone();
            double s = polish(gp, x, scores[rank[p]], best, space, offsets);
            if (s > winnerScore) {
                winner = x;
                winnerScore = s;
            }
        }
        return winner;
    }

    /** Coordinate search on the numerical inputs, steps halving from 0.05; improves x in place, returns its EI. */
    private static double polish(GaussianProcess gp, double[] x, double score, double best, Distribution[] space,
            int[] offsets) {
        for (double step = 0.05; step > 1e-4; step /= 2) {
            boolean moved = true;
            while (moved) {
                moved = false;
                for (int j = 0; j < space.length; j++) {
                    if (space[j] instanceof Distribution.Categorical) {
                        continue;
                    }
                    int k = offsets[j];
                    for (int sign = -1; sign <= 1; sign += 2) {
                        double old = x[k];
                        x[k] = clamp(old + sign * step);
                        double s = ei(gp, x, best);
                        if (s > score) {
                            score = s;
                            moved = true;
                        } else {
                            x[k] = old;
                        }
                    }
                }
            }
        }
        return score;
    }

    private static double ei(GaussianProcess gp, double[] x, double best) {
        double[] p = gp.predict(x);
        return GaussianProcess.expectedImprovement(p[0], p[1], best);
    }

    private void randomize(double[] x, Distribution d, int offset) {
        if (d instanceof Distribution.Categorical c) {
            int k = c.choices().size();
            java.util.Arrays.fill(x, offset, offset + k, 0);
            x[offset + rng.nextInt(k)] = 1;
        } else {
            x[offset] = rng.nextDouble();
        }
    }

    private static double clamp(double u) {
        return Math.min(1, Math.max(0, u));
    }

    private static int width(Distribution d) {
        return d instanceof Distribution.Categorical c ? c.choices().size() : 1;
    }

    private static double[] encode(FrozenTrial t, String[] names, Distribution[] space, int[] offsets) {
        double[] x = new double[offsets[space.length]];
        for (int j = 0; j < space.length; j++) {
            double v = t.internalParam(names[j]);
            if (space[j] instanceof Distribution.Categorical) {
                x[offsets[j] + (int) v] = 1;
            } else {
                x[offsets[j]] = UnitScale.toUnit(space[j], v);
            }
        }
        return x;
    }

    private static double decode(Distribution d, double[] x, int offset) {
        if (d instanceof Distribution.Categorical c) {
            int best = 0;
            for (int k = 1; k < c.choices().size(); k++) {
                if (x[offset + k] > x[offset + best]) {
                    best = k;
                }
            }
            return best;
        }
        return UnitScale.fromUnit(d, x[offset]);
    }

    private static boolean has(FrozenTrial t, Map<String, Distribution> space) {
        for (Map.Entry<String, Distribution> e : space.entrySet()) {
            if (!e.getValue().equals(t.distributions().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
