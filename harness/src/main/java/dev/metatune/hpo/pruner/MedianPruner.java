package dev.metatune.hpo.pruner;

/**
 * The median stopping rule (Golovin et al. 2017, "Google Vizier: a service for black-box
 * optimization"): prunes a trial whose best intermediate value is worse than the median of the
 * completed trials' values at the same step. A {@link PercentilePruner} at 50.
 */
public final class MedianPruner extends PercentilePruner {

    public MedianPruner(int nStartupTrials, long nWarmupSteps, long intervalSteps, int nMinTrials) {
        super(50, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials);
    }

    /** Optuna's defaults: 5 start-up trials, no warm-up, every step, at least one trial to compare with. */
    public MedianPruner() {
        this(5, 0, 1, 1);
    }
}
