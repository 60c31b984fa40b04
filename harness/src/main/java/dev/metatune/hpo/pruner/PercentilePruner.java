package dev.metatune.hpo.pruner;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Pruner;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.TrialState;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Prunes a trial whose best intermediate value so far is worse than the given percentile of the
 * completed trials' values at the same step, as Optuna's {@code PercentilePruner} (the median
 * stopping rule of Golovin et al. 2017, "Google Vizier", at the 50th percentile). Nothing is pruned
 * before {@code nStartupTrials} trials have completed, before step {@code nWarmupSteps}, off the
 * {@code intervalSteps} grid, or when fewer than {@code nMinTrials} completed trials reported at
 * that step. A NaN value is pruned.
 */
public class PercentilePruner implements Pruner {

    private final double percentile;
    private final int nStartupTrials;
    private final long nWarmupSteps;
    private final long intervalSteps;
    private final int nMinTrials;

    public PercentilePruner(double percentile, int nStartupTrials, long nWarmupSteps, long intervalSteps, int nMinTrials) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + percentile);
        }
        if (nStartupTrials < 0) {
            throw new IllegalArgumentException("n_startup_trials must be >= 0, got " + nStartupTrials);
        }
        if (nWarmupSteps < 0) {
            throw new IllegalArgumentException("n_warmup_steps must be >= 0, got " + nWarmupSteps);
        }
        if (intervalSteps < 1) {
            throw new IllegalArgumentException("interval_steps must be >= 1, got " + intervalSteps);
        }
        if (nMinTrials < 1) {
            throw new IllegalArgumentException("n_min_trials must be >= 1, got " + nMinTrials);
        }
        this.percentile = percentile;
        this.nStartupTrials = nStartupTrials;
        this.nWarmupSteps = nWarmupSteps;
        this.intervalSteps = intervalSteps;
        this.nMinTrials = nMinTrials;
    }

    @Override
    public boolean prune(Study study, FrozenTrial trial) {
        Long step = trial.lastStep();
        if (step == null) {
            return false;
        }
        List<FrozenTrial> complete = study.trials(java.util.Set.of(TrialState.COMPLETE));
        if (complete.size() < nStartupTrials || step < nWarmupSteps) {
            return false;
        }
        if ((step - nWarmupSteps) % intervalSteps != 0) {
            return false;
        }
        StudyDirection direction = study.direction();
        double best = Double.NaN;
        for (double v : trial.intermediateValues().values()) {
            if (!Double.isNaN(v) && (Double.isNaN(best) || direction.isBetter(v, best))) {
                best = v;
            }
        }
        if (Double.isNaN(best)) {
            return true;
        }
        List<Double> others = new ArrayList<>();
        for (FrozenTrial t : complete) {
            Double v = t.intermediateValues().get(step);
            if (v != null && !v.isNaN()) {
                others.add(v);
            }
        }
        if (others.size() < nMinTrials) {
            return false;
        }
        double[] values = others.stream().mapToDouble(Double::doubleValue).toArray();
        double q = direction == StudyDirection.MAXIMIZE ? 100 - percentile : percentile;
        double threshold = new Percentile().withEstimationType(Percentile.EstimationType.R_7)
                .evaluate(values, Math.max(1e-9, q));
        return direction.isBetter(threshold, best);
    }
}
