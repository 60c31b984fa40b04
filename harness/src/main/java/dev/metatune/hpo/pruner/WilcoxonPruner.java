package dev.metatune.hpo.pruner;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Pruner;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.StudyDirection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/**
 * Prunes a trial whose per-instance values (e.g. the accuracy on each validation episode, reported
 * with {@code Trial.report(step, value, instanceValues)}) are significantly worse than the best
 * complete trial's on the same instances: a one-sided Wilcoxon signed-rank test (Wilcoxon 1945;
 * Commons Math, exact p-values up to 30 pairs, the normal approximation above) on the paired
 * differences, zeros dropped, after Optuna's {@code WilcoxonPruner}. Pairs are formed by instance
 * index between the trial's latest per-instance values and the best trial's at the same step (or
 * the latest step before it), so a trial is compared with the best one at the same budget. It does not
 * prune with fewer than {@code nStartupSteps} non-zero pairs, or when the trial's mean is at least
 * as good as the best trial's.
 */
public final class WilcoxonPruner implements Pruner {

    private final double pThreshold;
    private final int nStartupSteps;

    public WilcoxonPruner(double pThreshold, int nStartupSteps) {
        if (!(pThreshold > 0 && pThreshold < 1)) {
            throw new IllegalArgumentException("p_threshold must be in (0, 1), got " + pThreshold);
        }
        if (nStartupSteps < 1) {
            throw new IllegalArgumentException("n_startup_steps must be >= 1, got " + nStartupSteps);
        }
        this.pThreshold = pThreshold;
        this.nStartupSteps = nStartupSteps;
    }

    /** Optuna's defaults: p below 0.1, at least 2 pairs. */
    public WilcoxonPruner() {
        this(0.1, 2);
    }

    @Override
    public boolean prune(Study study, FrozenTrial trial) {
        Map.Entry<Long, List<Double>> latest = atOrBefore(trial, Long.MAX_VALUE);
        if (latest == null) {
            return false;
        }
        List<Double> mine = latest.getValue();
        Optional<FrozenTrial> best = study.bestTrial();
        if (best.isEmpty() || best.get().trialId() == trial.trialId()) {
            return false;
        }
        Map.Entry<Long, List<Double>> reference = atOrBefore(best.get(), latest.getKey());
        if (reference == null) {
            return false;
        }
        List<Double> theirs = reference.getValue();
        int n = Math.min(mine.size(), theirs.size());
        StudyDirection direction = study.direction();
        List<Double> diffs = new ArrayList<>();
        double sumMine = 0;
        double sumTheirs = 0;
        for (int i = 0; i < n; i++) {
            double a = mine.get(i);
            double b = theirs.get(i);
            if (Double.isNaN(a)) {
                return true;
            }
            sumMine += a;
            sumTheirs += b;
            double loss = direction.toLoss(a) - direction.toLoss(b);
            if (loss != 0 && !Double.isNaN(loss)) {
                diffs.add(loss);
            }
        }
        if (n == 0 || !direction.isBetter(sumTheirs / n, sumMine / n)) {
            return false;
        }
        if (diffs.size() < nStartupSteps) {
            return false;
        }
        return pWorse(diffs) < pThreshold;
    }

    /** One-sided p-value that the losses' differences (trial minus best) are centred above 0. */
    static double pWorse(List<Double> diffs) {
        int m = diffs.size();
        double[] x = new double[m];
        double[] zeros = new double[m];
        double positive = 0;
        for (int i = 0; i < m; i++) {
            x[i] = diffs.get(i);
        }
        double[] ranks = new org.apache.commons.math3.stat.ranking.NaturalRanking().rank(abs(x));
        double total = 0;
        for (int i = 0; i < m; i++) {
            total += ranks[i];
            if (x[i] > 0) {
                positive += ranks[i];
            }
        }
        double twoSided = new WilcoxonSignedRankTest().wilcoxonSignedRankTest(x, zeros, m <= 30);
        boolean worse = positive > total / 2;
        return worse ? twoSided / 2 : 1 - twoSided / 2;
    }

    private static double[] abs(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.abs(x[i]);
        }
        return out;
    }

    /** The per-instance values a trial reported at the largest step not after {@code step}, or null. */
    private static Map.Entry<Long, List<Double>> atOrBefore(FrozenTrial t, long step) {
        Map.Entry<Long, List<Double>> found = null;
        for (Map.Entry<Long, List<Double>> e : t.instanceValues().entrySet()) {
            if (e.getKey() <= step) {
                found = e;
            }
        }
        return found;
    }
}
