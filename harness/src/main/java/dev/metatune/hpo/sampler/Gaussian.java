package dev.metatune.hpo.sampler;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.special.Erf;

/** Truncated normal densities and draws for the Parzen estimators, over Commons Math's error function. */
final class Gaussian {

    private static final double SQRT2 = Math.sqrt(2);

    private final NormalDistribution standard = new NormalDistribution(null, 0, 1);

    /** Standard normal CDF. */
    static double cdf(double z) {
        return 0.5 * Erf.erfc(-z / SQRT2);
    }

    /** P(a <= Z <= b) for a standard normal Z, accurate in both tails. */
    static double mass(double a, double b) {
        if (a <= -9 && b >= 9) {
            return 1; // the tails beyond 9 sigma hold less than 1e-18
        }
        if (a > 0) {
            return 0.5 * (Erf.erfc(a / SQRT2) - Erf.erfc(b / SQRT2));
        }
        if (b < 0) {
            return 0.5 * (Erf.erfc(-b / SQRT2) - Erf.erfc(-a / SQRT2));
        }
        return 1 - 0.5 * Erf.erfc(-a / SQRT2) - 0.5 * Erf.erfc(b / SQRT2);
    }

    /** A draw from N(mu, sigma) truncated to [low, high], by inverting the CDF on the side away from the far tail. */
    double sampleTruncated(RandomGenerator rng, double mu, double sigma, double low, double high) {
        double a = (low - mu) / sigma;
        double b = (high - mu) / sigma;
        double x;
        if (a > 0) {
            double pa = cdf(-a);
            double pb = cdf(-b);
            x = -standard.inverseCumulativeProbability(pb + rng.nextDouble() * (pa - pb));
        } else {
            double pa = cdf(a);
            double pb = cdf(b);
            x = standard.inverseCumulativeProbability(pa + rng.nextDouble() * (pb - pa));
        }
        double v = mu + sigma * x;
        if (!Double.isFinite(v)) {
            v = mu;
        }
        return Math.min(high, Math.max(low, v));
    }
}
