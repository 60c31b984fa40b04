package dev.metatune.hpo.sampler;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A Gaussian-process regression model on the unit cube (Rasmussen and Williams 2006, "Gaussian
 * Processes for Machine Learning", ch. 2 and 5): a constant mean, an anisotropic Matérn 5/2 kernel
 * with one length scale per input, a signal variance and a noise variance, all fitted by maximising
 * the log marginal likelihood (Commons Math's BOBYQA within bounds, from a central start and
 * {@code restarts} random ones), with the Cholesky factor from Commons Math. The targets are
 * standardised before fitting; predictions are on the targets' own scale.
 */
final class GaussianProcess {

    /** log bounds: length scales, signal variance, noise variance (of the standardised targets). */
    private static final double LOG_LENGTH_MIN = Math.log(0.01);
    private static final double LOG_LENGTH_MAX = Math.log(20);
    private static final double LOG_SIGNAL_MIN = Math.log(0.05);
    private static final double LOG_SIGNAL_MAX = Math.log(20);
    private static final double LOG_NOISE_MIN = Math.log(1e-6);
    private static final double LOG_NOISE_MAX = Math.log(0.5);
    private static final double SQRT5 = Math.sqrt(5);

    private final double[][] xs;
    private final double yMean;
    private final double yScale;
    private final double[] lengths;
    private final double signal;
    private final double[][] chol;
    private final double[] alpha;

    private GaussianProcess(double[][] xs, double yMean, double yScale, double[] theta, double[][] chol, double[] alpha) {
        this.xs = xs;
        this.yMean = yMean;
        this.yScale = yScale;
        int d = xs[0].length;
        this.lengths = new double[d];
        for (int j = 0; j < d; j++) {
            lengths[j] = Math.exp(theta[j]);
        }
        this.signal = Math.exp(theta[d]);
        this.chol = chol;
        this.alpha = alpha;
    }

    /**
     * Fits the model to points {@code xs} (rows in [0, 1]^d) and targets {@code ys}.
     *
     * @param restarts random restarts of the likelihood maximisation beyond the central start
     * @param maxEval  likelihood evaluations per start
     */
    static GaussianProcess fit(double[][] xs, double[] ys, RandomGenerator rng, int restarts, int maxEval) {
        if (xs.length == 0 || xs.length != ys.length) {
            throw new IllegalArgumentException("need as many targets as points (>= 1), got " + xs.length + " and " + ys.length);
        }
        int n = ys.length;
        int d = xs[0].length;
        double mean = 0;
        for (double y : ys) {
            mean += y;
        }
        mean /= n;
        double var = 0;
        for (double y : ys) {
            var += (y - mean) * (y - mean);
        }
        double scale = n > 1 && var > 0 ? Math.sqrt(var / (n - 1)) : 1;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = (ys[i] - mean) / scale;
        }
        double[] lower = new double[d + 2];
        double[] upper = new double[d + 2];
        double[] start = new double[d + 2];
        for (int j = 0; j < d; j++) {
            lower[j] = LOG_LENGTH_MIN;
            upper[j] = LOG_LENGTH_MAX;
            start[j] = Math.log(0.5 * Math.sqrt(d));
        }
        lower[d] = LOG_SIGNAL_MIN;
        upper[d] = LOG_SIGNAL_MAX;
        start[d] = 0;
        lower[d + 1] = LOG_NOISE_MIN;
        upper[d + 1] = LOG_NOISE_MAX;
        start[d + 1] = Math.log(1e-3);
        MultivariateFunction lml = theta -> logMarginalLikelihood(xs, z, theta);
        double[] best = start;
        double bestValue = lml.value(start);
        for (int r = 0; r <= restarts; r++) {
            double[] x0 = start.clone();
            if (r > 0) {
                for (int j = 0; j < x0.length; j++) {
                    x0[j] = lower[j] + rng.nextDouble() * (upper[j] - lower[j]);
                }
            }
            try {
                BOBYQAOptimizer opt = new BOBYQAOptimizer(2 * x0.length + 1);
                PointValuePair p = opt.optimize(new MaxEval(maxEval), new ObjectiveFunction(lml), GoalType.MAXIMIZE,
                        new InitialGuess(x0), new SimpleBounds(lower, upper));
                if (p.getValue() > bestValue) {
                    best = p.getPoint();
                    bestValue = p.getValue();
                }
            } catch (org.apache.commons.math3.exception.TooManyEvaluationsException e) {
                // keep the best so far; BOBYQA reports nothing better than its last point here
            }
        }
        double[][] l = cholesky(kernelMatrix(xs, best));
        double[] alpha = solve(l, z);
        return new GaussianProcess(xs, mean, scale, best, l, alpha);
    }

    /** The log marginal likelihood of the standardised targets under hyperparameters theta (log scale). */
    static double logMarginalLikelihood(double[][] xs, double[] z, double[] theta) {
        double[][] l;
        try {
            l = cholesky(kernelMatrix(xs, theta));
        } catch (NonPositiveDefiniteMatrixException e) {
            return -1e300;
        }
        double[] a = solve(l, z);
        double fit = 0;
        double logDet = 0;
        for (int i = 0; i < z.length; i++) {
            fit += z[i] * a[i];
            logDet += Math.log(l[i][i]);
        }
        return -0.5 * fit - logDet - 0.5 * z.length * Math.log(2 * Math.PI);
    }

    private static double[][] kernelMatrix(double[][] xs, double[] theta) {
        int n = xs.length;
        int d = xs[0].length;
        double[] inv = new double[d];
        for (int j = 0; j < d; j++) {
            inv[j] = Math.exp(-theta[j]);
        }
        double signal = Math.exp(theta[d]);
        double noise = Math.exp(theta[d + 1]);
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m <= i; m++) {
                double v = signal * matern(xs[i], xs[m], inv);
                k[i][m] = v;
                k[m][i] = v;
            }
            k[i][i] += noise + 1e-8;
        }
        return k;
    }

    private static double matern(double[] a, double[] b, double[] inverseLengths) {
        double r2 = 0;
        for (int j = 0; j < a.length; j++) {
            double t = (a[j] - b[j]) * inverseLengths[j];
            r2 += t * t;
        }
        double r = Math.sqrt(r2);
        return (1 + SQRT5 * r + 5.0 / 3 * r2) * Math.exp(-SQRT5 * r);
    }

    private static double[][] cholesky(double[][] k) {
        RealMatrix m = MatrixUtils.createRealMatrix(k);
        return new CholeskyDecomposition(m, 1e-10, 1e-12).getL().getData();
    }

    /** Solves L y = b (forward substitution). */
    private static double[] forward(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        return y;
    }

    /** Solves L L^T x = b. */
    private static double[] solve(double[][] l, double[] b) {
        double[] y = forward(l, b);
        int n = b.length;
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** The posterior mean and standard deviation at {@code x}, on the targets' scale: {mean, sd}. */
    double[] predict(double[] x) {
        int n = xs.length;
        double[] inv = new double[lengths.length];
        for (int j = 0; j < inv.length; j++) {
            inv[j] = 1 / lengths[j];
        }
        double[] k = new double[n];
        double mu = 0;
        for (int i = 0; i < n; i++) {
            k[i] = signal * matern(x, xs[i], inv);
            mu += k[i] * alpha[i];
        }
        double[] v = forward(chol, k);
        double var = signal;
        for (double t : v) {
            var -= t * t;
        }
        return new double[] {yMean + yScale * mu, yScale * Math.sqrt(Math.max(var, 1e-12))};
    }

    /** Expected improvement over {@code best} for minimisation (Jones, Schonlau and Welch 1998). */
    static double expectedImprovement(double mean, double sd, double best) {
        double z = (best - mean) / sd;
        return (best - mean) * Gaussian.cdf(z) + sd * Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }
}
