package dev.metatune.hpo.pruner;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Pruner;
import dev.metatune.hpo.Study;

/**
 * Hyperband (Li et al. 2018, "Hyperband: a novel bandit-based approach to hyperparameter
 * optimization", JMLR), asynchronous as in Optuna's {@code HyperbandPruner}: floor(log_eta(max/min))
 * + 1 brackets of successive halving with early-stopping rates 0, 1, ...; each trial is assigned to
 * a bracket by a seeded hash of its number, in proportion to the bracket's budget, and competes only
 * with trials of its bracket.
 */
public final class HyperbandPruner implements Pruner {

    private final SuccessiveHalvingPruner[] brackets;
    private final long[] budgets;
    private final long totalBudget;
    private final long seed;

    public HyperbandPruner(long minResource, long maxResource, int reductionFactor, long seed) {
        if (minResource < 1 || maxResource <= minResource) {
            throw new IllegalArgumentException("hyperband needs 1 <= min_resource < max_resource, got min "
                    + minResource + " max " + maxResource);
        }
        if (reductionFactor < 2) {
            throw new IllegalArgumentException("reduction_factor must be >= 2, got " + reductionFactor);
        }
        int n = (int) Math.floor(Math.log((double) maxResource / minResource) / Math.log(reductionFactor) + 1e-9) + 1;
        this.seed = seed;
        brackets = new SuccessiveHalvingPruner[n];
        budgets = new long[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            int bracket = i;
            brackets[i] = new SuccessiveHalvingPruner(minResource, reductionFactor, i, 0, "hyperband_b" + i + "_rung_",
                    t -> bracketOf(t.number()) == bracket);
            int s = n - 1 - i;
            budgets[i] = (long) Math.ceil(n * Math.pow(reductionFactor, s) / (s + 1));
            total += budgets[i];
        }
        totalBudget = total;
    }

    /** The number of brackets. */
    public int bracketCount() {
        return brackets.length;
    }

    /** The bracket of trial number {@code number}. */
    public int bracketOf(int number) {
        long h = mix(seed * 0x9E3779B97F4A7C15L + number);
        long slot = Math.floorMod(h, totalBudget);
        for (int i = 0; i < budgets.length; i++) {
            if (slot < budgets[i]) {
                return i;
            }
            slot -= budgets[i];
        }
        return budgets.length - 1;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public boolean prune(Study study, FrozenTrial trial) {
        return brackets[bracketOf(trial.number())].prune(study, trial);
    }
}
