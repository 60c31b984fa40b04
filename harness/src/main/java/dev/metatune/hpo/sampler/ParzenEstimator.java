package dev.metatune.hpo.sampler;

import dev.metatune.space.Distribution;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The Parzen estimator of the tree-structured Parzen estimator (Bergstra et al. 2011, "Algorithms
 * for hyper-parameter optimization"), with the refinements Optuna uses: a mixture of one kernel per
 * observation plus a prior kernel over the whole range; truncated Gaussian kernels for numbers (in
 * log space for log scales; as probability masses of bins for steps and integers) whose bandwidth
 * is the larger gap to the neighbouring observations, clipped to [range / min(100, n + 1), range]
 * ("magic clip"), or Scott-like 0.2 n^(-1/(d+4)) range in the multivariate mode; categorical
 * kernels that add one to the observed choice over a prior spread evenly. In the multivariate mode
 * a kernel is the product over parameters, so their dependence is kept (Falkner et al. 2018).
 * Public for the PED-ANOVA importance ({@code dev.metatune.hpo.importance}), which compares two of them.
 */
public final class ParzenEstimator {

    private final Distribution[] space;
    private final double[] weights;
    private final double[][] mus;
    private final double[][] sigmas;
    private final double[][][] categoryWeights;
    private final double[] lows;
    private final double[] highs;
    private final double[] halfSteps;
    private final double[][] logNorms;
    /** Per parameter and kernel: log(sigma) + log(sqrt(2 pi)) + log(truncation mass), the continuous density's constant. */
    private final double[][] logConstants;
    private final double[] logWeights;
    /** Per parameter and kernel: log(sigma), which {@link #logScore} leaves out. */
    private final double[][] logSigmas;

    /**
     * @param space        the parameters, in a fixed order
     * @param observations one row per observation, internal values in the order of {@code space}
     * @param obsWeights   the observations' weights (from {@link TpeSampler#defaultWeights})
     * @param priorWeight  the prior kernel's weight
     * @param multivariate whether the bandwidth follows the multivariate rule
     * @param considerEndpoints whether the outermost observations measure their gap to the bounds
     */
    public ParzenEstimator(Distribution[] space, double[][] observations, double[] obsWeights, double priorWeight,
            boolean multivariate, boolean considerEndpoints) {
        this.space = space;
        int n = observations.length;
        int k = n + 1;
        weights = new double[k];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = obsWeights[i];
            sum += weights[i];
        }
        weights[n] = n == 0 ? 1 : priorWeight;
        sum += weights[n];
        for (int i = 0; i < k; i++) {
            weights[i] /= sum;
        }
        int d = space.length;
        mus = new double[d][];
        sigmas = new double[d][];
        categoryWeights = new double[d][][];
        lows = new double[d];
        highs = new double[d];
        halfSteps = new double[d];
        logNorms = new double[d][];
        logConstants = new double[d][];
        logSigmas = new double[d][];
        logWeights = new double[k];
        for (int i = 0; i < k; i++) {
            logWeights[i] = Math.log(weights[i]);
        }
        for (int j = 0; j < d; j++) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                col[i] = observations[i][j];
            }
            if (space[j] instanceof Distribution.Categorical c) {
                categoryWeights[j] = categorical(col, c.choices().size(), priorWeight);
            } else {
                numerical(j, col, multivariate, considerEndpoints);
            }
        }
    }

    private static double[][] categorical(double[] col, int choices, double priorWeight) {
        int rows = col.length + 1;
        double[][] w = new double[rows][choices];
        for (int i = 0; i < rows; i++) {
            java.util.Arrays.fill(w[i], priorWeight / rows);
            if (i < col.length) {
                w[i][(int) col[i]] += 1;
            }
            double s = 0;
            for (double v : w[i]) {
                s += v;
            }
            for (int c = 0; c < choices; c++) {
                w[i][c] /= s;
            }
        }
        return w;
    }

    private void numerical(int j, double[] col, boolean multivariate, boolean considerEndpoints) {
        Distribution dist = space[j];
        boolean log = UnitScale.isLog(dist);
        double low;
        double high;
        double step = 0;
        if (dist instanceof Distribution.FloatRange f) {
            low = log ? Math.log(f.low()) : f.low();
            high = log ? Math.log(f.high()) : f.high();
            step = f.step();
        } else {
            Distribution.IntRange r = (Distribution.IntRange) dist;
            if (log) {
                low = Math.log(r.low() - 0.5);
                high = Math.log(r.high() + 0.5);
            } else {
                low = r.low();
                high = r.high();
                step = r.step();
            }
        }
        int n = col.length;
        double[] m = new double[n + 1];
        for (int i = 0; i < n; i++) {
            m[i] = log ? Math.log(col[i]) : col[i];
        }
        double range = high - low + step;
        double priorMu = 0.5 * (low + high);
        m[n] = priorMu;
        double[] s = new double[n + 1];
        if (multivariate) {
            double sigma = 0.2 * Math.pow(Math.max(n, 1), -1.0 / (space.length + 4)) * range;
            java.util.Arrays.fill(s, sigma);
        } else {
            Integer[] order = new Integer[n + 1];
            for (int i = 0; i <= n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(m[a], m[b]));
            double[] sorted = new double[n + 3];
            sorted[0] = low - step / 2;
            for (int i = 0; i <= n; i++) {
                sorted[i + 1] = m[order[i]];
            }
            sorted[n + 2] = high + step / 2;
            double[] ss = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                ss[i] = Math.max(sorted[i + 1] - sorted[i], sorted[i + 2] - sorted[i + 1]);
            }
            if (!considerEndpoints && sorted.length >= 4) {
                ss[0] = sorted[2] - sorted[1];
                ss[n] = sorted[n + 1] - sorted[n];
            }
            for (int i = 0; i <= n; i++) {
                s[order[i]] = ss[i];
            }
        }
        double minSigma = range / Math.min(100.0, 1.0 + n + 1);
        for (int i = 0; i < n; i++) {
            s[i] = Math.min(range, Math.max(minSigma, s[i]));
        }
        s[n] = range;
        mus[j] = m;
        sigmas[j] = s;
        lows[j] = low;
        highs[j] = high;
        halfSteps[j] = step / 2;
        double[] norms = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            norms[i] = Math.log(Math.max(Gaussian.mass((low - step / 2 - m[i]) / s[i], (high + step / 2 - m[i]) / s[i]), 1e-300));
        }
        logNorms[j] = norms;
        double[] constants = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            constants[i] = Math.log(s[i]) + 0.5 * Math.log(2 * Math.PI) + norms[i];
        }
        logConstants[j] = constants;
        double[] logS = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            logS[i] = Math.log(s[i]);
        }
        logSigmas[j] = logS;
    }

    /** {@code count} draws, internal values in the order of the space. */
    List<double[]> sample(RandomGenerator rng, Gaussian gaussian, int count) {
        List<double[]> out = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            int k = pickKernel(rng);
            double[] x = new double[space.length];
            for (int j = 0; j < space.length; j++) {
                if (categoryWeights[j] != null) {
                    x[j] = pick(rng, categoryWeights[j][k]);
                } else {
                    double lo = lows[j] - halfSteps[j];
                    double hi = highs[j] + halfSteps[j];
                    double v = gaussian.sampleTruncated(rng, mus[j][k], sigmas[j][k], lo, hi);
                    if (UnitScale.isLog(space[j])) {
                        v = Math.exp(v);
                    }
                    x[j] = ((Number) space[j].toExternal(v)).doubleValue();
                }
            }
            out.add(x);
        }
        return out;
    }

    private int pickKernel(RandomGenerator rng) {
        return pick(rng, weights);
    }

    private static int pick(RandomGenerator rng, double[] probabilities) {
        double u = rng.nextDouble();
        double acc = 0;
        for (int i = 0; i < probabilities.length; i++) {
            acc += probabilities[i];
            if (u < acc) {
                return i;
            }
        }
        return probabilities.length - 1;
    }

    /** log density of the mixture at internal values {@code x}. */
    public double logPdf(double[] x) {
        return logMixture(x, false);
    }

    /**
     * What Optuna 3.1 uses as the log density when it scores candidates: the mixture with every
     * continuous kernel's 1/sigma factor left out (its truncated-normal log density omits
     * log(scale)), so each kernel counts in proportion to its bandwidth and all kernels have equal
     * height. Not a density (it does not integrate to one), but the ratio of two of them is the
     * score Optuna's TPE maximises; discrete and categorical kernels are as in {@link #logPdf}.
     */
    double logScore(double[] x) {
        return logMixture(x, true);
    }

    private double logMixture(double[] x, boolean equalHeights) {
        int k = weights.length;
        double[] terms = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            double t = logWeights[i];
            for (int j = 0; j < space.length && t > Double.NEGATIVE_INFINITY; j++) {
                t += logKernel(j, i, x[j]);
                if (equalHeights && categoryWeights[j] == null && halfSteps[j] == 0) {
                    t += logSigmas[j][i];
                }
            }
            terms[i] = t;
            max = Math.max(max, t);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (double t : terms) {
            s += Math.exp(t - max);
        }
        return max + Math.log(s);
    }

    private double logKernel(int j, int i, double value) {
        if (categoryWeights[j] != null) {
            return Math.log(categoryWeights[j][i][(int) value]);
        }
        double v = UnitScale.isLog(space[j]) ? Math.log(value) : value;
        double mu = mus[j][i];
        double sigma = sigmas[j][i];
        if (halfSteps[j] > 0) {
            double p = Gaussian.mass((v - halfSteps[j] - mu) / sigma, (v + halfSteps[j] - mu) / sigma);
            return Math.log(Math.max(p, 1e-300)) - logNorms[j][i];
        }
        double z = (v - mu) / sigma;
        return -0.5 * z * z - logConstants[j][i];
    }
}
