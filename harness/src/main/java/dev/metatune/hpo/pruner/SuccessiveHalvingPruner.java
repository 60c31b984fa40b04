package dev.metatune.hpo.pruner;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Pruner;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.StudyDirection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Asynchronous successive halving (Li et al. 2020, "A system for massively parallel hyperparameter
 * tuning", MLSys; ASHA), as Optuna's {@code SuccessiveHalvingPruner}: rung k is reached at step
 * {@code minResource * reductionFactor^(minEarlyStoppingRate + k)}; a trial reaching a rung records
 * its value there and goes on only if it is in the top 1/reductionFactor of the values recorded at
 * that rung so far (by any trial), otherwise it is pruned. No trial waits for others.
 */
public final class SuccessiveHalvingPruner implements Pruner {

    private final long minResource;
    private final int reductionFactor;
    private final int minEarlyStoppingRate;
    private final int bootstrapCount;
    private final String keyPrefix;
    private final Predicate<FrozenTrial> competitors;

    public SuccessiveHalvingPruner(long minResource, int reductionFactor, int minEarlyStoppingRate, int bootstrapCount) {
        this(minResource, reductionFactor, minEarlyStoppingRate, bootstrapCount, "asha_rung_", t -> true);
    }

    /** As above, comparing only with trials that {@code competitors} accepts, under rung keys starting with {@code keyPrefix}. */
    SuccessiveHalvingPruner(long minResource, int reductionFactor, int minEarlyStoppingRate, int bootstrapCount,
            String keyPrefix, Predicate<FrozenTrial> competitors) {
        if (minResource < 1) {
            throw new IllegalArgumentException("min_resource must be >= 1, got " + minResource);
        }
        if (reductionFactor < 2) {
            throw new IllegalArgumentException("reduction_factor must be >= 2, got " + reductionFactor);
        }
        if (minEarlyStoppingRate < 0) {
            throw new IllegalArgumentException("min_early_stopping_rate must be >= 0, got " + minEarlyStoppingRate);
        }
        if (bootstrapCount < 0) {
            throw new IllegalArgumentException("bootstrap_count must be >= 0, got " + bootstrapCount);
        }
        this.minResource = minResource;
        this.reductionFactor = reductionFactor;
        this.minEarlyStoppingRate = minEarlyStoppingRate;
        this.bootstrapCount = bootstrapCount;
        this.keyPrefix = keyPrefix;
        this.competitors = competitors;
    }

    @Override
    public boolean prune(Study study, FrozenTrial trial) {
        Long step = trial.lastStep();
        if (step == null) {
            return false;
        }
        int rung = 0;
        while (trial.systemAttrs().containsKey(keyPrefix + rung)) {
            rung++;
        }
        double value = trial.intermediateValues().get(step);
        List<FrozenTrial> all = null;
        while (true) {
            double promotionStep = minResource * Math.pow(reductionFactor, minEarlyStoppingRate + rung);
            if (step < promotionStep) {
                return false;
            }
            if (Double.isNaN(value)) {
                return true;
            }
            if (all == null) {
                all = study.trials();
            }
            String key = keyPrefix + rung;
            study.storage().setTrialSystemAttr(trial.trialId(), key, value);
            List<Double> competing = new ArrayList<>();
            for (FrozenTrial t : all) {
                if (t.trialId() != trial.trialId() && competitors.test(t) && t.systemAttrs().get(key) instanceof Number n) {
                    competing.add(n.doubleValue());
                }
            }
            competing.add(value);
            if (competing.size() <= bootstrapCount) {
                return true;
            }
            if (!promotable(value, competing, study.direction())) {
                return true;
            }
            rung++;
        }
    }

    private boolean promotable(double value, List<Double> competing, StudyDirection direction) {
        int index = competing.size() / reductionFactor - 1;
        if (index < 0) {
            index = 0;
        }
        List<Double> sorted = new ArrayList<>(competing);
        sorted.sort(direction == StudyDirection.MAXIMIZE ? java.util.Comparator.reverseOrder() : java.util.Comparator.naturalOrder());
        double cut = sorted.get(index);
        return direction == StudyDirection.MAXIMIZE ? value >= cut : value <= cut;
    }
}
