package dev.metatune.eval;

import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/**
 * Compares two algorithms scored on the same test episodes, pairwise: the mean per-episode
 * difference, the Wilcoxon signed-rank test's two-sided p-value (normal approximation above 30
 * episodes) and the paired t-test's. Papers' intervals overlap far more often than paired tests
 * fail to separate two methods, which is why per-episode scores are kept.
 */
public record PairedComparison(double meanDifference, double wilcoxonP, double pairedTP, int episodes) {

    /** Compares {@code a} with {@code b}, episode i with episode i. */
    public static PairedComparison of(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired scores need the same episodes: " + a.length + " vs " + b.length);
        }
        if (a.length < 2) {
            throw new IllegalArgumentException("a paired comparison needs at least 2 episodes, got " + a.length);
        }
        double diff = 0;
        boolean identical = true;
        for (int i = 0; i < a.length; i++) {
            diff += a[i] - b[i];
            identical &= a[i] == b[i];
        }
        if (identical) {
            return new PairedComparison(0, 1, 1, a.length);
        }
        double wilcoxon = new WilcoxonSignedRankTest().wilcoxonSignedRankTest(a, b, a.length <= 30);
        double t = new TTest().pairedTTest(a, b);
        return new PairedComparison(diff / a.length, wilcoxon, Double.isNaN(t) ? 1 : t, a.length);
    }
}
