package dev.metatune.hpo.sampler;

import java.util.Arrays;
import java.util.Comparator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The (mu/mu_w, lambda) covariance matrix adaptation evolution strategy with ask/tell, following
 * Hansen, "The CMA Evolution Strategy: A Tutorial" (2016): weighted recombination of the best half,
 * cumulative step-size adaptation, rank-one and rank-mu covariance updates, over Commons Math's
 * eigen decomposition. Works in [0, 1]^n: candidates outside are resampled, then clipped.
 */
final class CmaEs {

    private final int n;
    private final int lambda;
    private final int mu;
    private final double[] weights;
    private final double muEff;
    private final double cSigma;
    private final double dSigma;
    private final double cc;
    private final double c1;
    private final double cMu;
    private final double chiN;
    private RealVector mean;
    private double sigma;
    private RealMatrix c;
    private RealMatrix b;
    private double[] d;
    private RealMatrix invSqrtC;
    private RealVector pSigma;
    private RealVector pc;
    private int generation;

    CmaEs(double[] mean0, double sigma0, int populationSize) {
        n = mean0.length;
        if (n < 1) {
            throw new IllegalArgumentException("CMA-ES needs at least one dimension");
        }
        if (!(sigma0 > 0)) {
            throw new IllegalArgumentException("sigma0 must be > 0, got " + sigma0);
        }
        lambda = populationSize > 0 ? populationSize : 4 + (int) Math.floor(3 * Math.log(n));
        if (lambda < 2) {
            throw new IllegalArgumentException("population size must be >= 2, got " + lambda);
        }
        mu = lambda / 2;
        weights = new double[mu];
        double sum = 0;
        for (int i = 0; i < mu; i++) {
            weights[i] = Math.log((lambda + 1) / 2.0) - Math.log(i + 1);
            sum += weights[i];
        }
        double sumSq = 0;
        for (int i = 0; i < mu; i++) {
            weights[i] /= sum;
            sumSq += weights[i] * weights[i];
        }
        muEff = 1 / sumSq;
        cSigma = (muEff + 2) / (n + muEff + 5);
        dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
        cc = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
        c1 = 2 / ((n + 1.3) * (n + 1.3) + muEff);
        cMu = Math.min(1 - c1, 2 * (muEff - 2 + 1 / muEff) / ((n + 2) * (n + 2) + muEff));
        chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
        mean = new ArrayRealVector(mean0);
        sigma = sigma0;
        c = MatrixUtils.createRealIdentityMatrix(n);
        b = MatrixUtils.createRealIdentityMatrix(n);
        d = new double[n];
        Arrays.fill(d, 1);
        invSqrtC = MatrixUtils.createRealIdentityMatrix(n);
        pSigma = new ArrayRealVector(n);
        pc = new ArrayRealVector(n);
    }

    int populationSize() {
        return lambda;
    }

    int generation() {
        return generation;
    }

    /** A candidate x = m + sigma B D z, z ~ N(0, I), resampled up to 100 times to fall in [0, 1]^n, then clipped. */
    double[] ask(RandomGenerator rng) {
        double[] x = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = d[i] * rng.nextGaussian();
            }
            x = mean.add(b.operate(new ArrayRealVector(z)).mapMultiply(sigma)).toArray();
            if (inside(x)) {
                return x;
            }
        }
        for (int i = 0; i < n; i++) {
            x[i] = Math.min(1, Math.max(0, x[i]));
        }
        return x;
    }

    private static boolean inside(double[] x) {
        for (double v : x) {
            if (v < 0 || v > 1) {
                return false;
            }
        }
        return true;
    }

    /** Updates the distribution from exactly {@code lambda} evaluated candidates (losses: smaller is better). */
    void tell(double[][] xs, double[] losses) {
        if (xs.length != lambda || losses.length != lambda) {
            throw new IllegalArgumentException("tell needs " + lambda + " solutions, got " + xs.length);
        }
        Integer[] order = new Integer[lambda];
        for (int i = 0; i < lambda; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> losses[i]));
        RealVector[] y = new RealVector[mu];
        RealVector yw = new ArrayRealVector(n);
        for (int i = 0; i < mu; i++) {
            y[i] = new ArrayRealVector(xs[order[i]]).subtract(mean).mapDivide(sigma);
            yw = yw.add(y[i].mapMultiply(weights[i]));
        }
        mean = mean.add(yw.mapMultiply(sigma));
        pSigma = pSigma.mapMultiply(1 - cSigma).add(invSqrtC.operate(yw).mapMultiply(Math.sqrt(cSigma * (2 - cSigma) * muEff)));
        generation++;
        double norm = pSigma.getNorm();
        boolean hSigma = norm / Math.sqrt(1 - Math.pow(1 - cSigma, 2.0 * generation)) < (1.4 + 2.0 / (n + 1)) * chiN;
        pc = pc.mapMultiply(1 - cc).add(yw.mapMultiply(hSigma ? Math.sqrt(cc * (2 - cc) * muEff) : 0));
        RealMatrix rankMu = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < mu; i++) {
            rankMu = rankMu.add(y[i].outerProduct(y[i]).scalarMultiply(weights[i]));
        }
        double decay = 1 - c1 - cMu + (hSigma ? 0 : c1 * cc * (2 - cc));
        c = c.scalarMultiply(decay).add(pc.outerProduct(pc).scalarMultiply(c1)).add(rankMu.scalarMultiply(cMu));
        sigma *= Math.exp((cSigma / dSigma) * (norm / chiN - 1));
        sigma = Math.min(sigma, 1e3);
        decompose();
    }

    private void decompose() {
        RealMatrix sym = c.add(c.transpose()).scalarMultiply(0.5);
        EigenDecomposition eig = new EigenDecomposition(sym);
        b = eig.getV();
        double[] ev = eig.getRealEigenvalues();
        RealMatrix invD = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            d[i] = Math.sqrt(Math.max(ev[i], 1e-20));
            invD.setEntry(i, i, 1 / d[i]);
        }
        c = sym;
        invSqrtC = b.multiply(invD).multiply(b.transpose());
    }
}
