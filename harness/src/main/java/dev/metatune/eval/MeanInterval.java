package dev.metatune.eval;

import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * A mean with its 95% confidence half-width as few-shot papers report it:
 * {@code 1.96 * std / sqrt(n)}, with the population standard deviation (ddof 0, as numpy's
 * {@code np.std}, which the reference implementations use).
 */
public record MeanInterval(double mean, double ci95, double std, int n) {

    /** The normal quantile for a two-sided 95% interval. */
    public static final double Z95 = 1.96;

    public MeanInterval {
        if (n < 1) {
            throw new IllegalArgumentException("a mean needs at least one value, got n = " + n);
        }
    }

    public static MeanInterval of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a mean needs at least one value, got none");
        }
        double mean = new Mean().evaluate(values);
        double std = new StandardDeviation(false).evaluate(values);
        return new MeanInterval(mean, Z95 * std / Math.sqrt(values.length), std, values.length);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.4f +- %.4f (n=%d)", mean, ci95, n);
    }
}
