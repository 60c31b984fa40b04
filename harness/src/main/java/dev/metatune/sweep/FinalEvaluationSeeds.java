package dev.metatune.sweep;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.TrialState;
import dev.metatune.run.RunCodec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which training seeds of a test study still need a final evaluation. A seed is covered by a trial
 * that is WAITING, RUNNING or COMPLETE for it; a FAIL or PRUNED one leaves it to be enqueued again.
 * The seed of a trial is the one it was enqueued with ({@link Study#FIXED_PARAMS}) in every state:
 * a trial a worker has just claimed is RUNNING before its objective has suggested the seed, and
 * reading only its parameters would take the seed for missing and evaluate it twice. Two workers
 * resuming a run at the same moment may still both enqueue a failed seed; {@link #evaluatedBefore}
 * lets the later of the two trials yield.
 */
final class FinalEvaluationSeeds {

    private FinalEvaluationSeeds() {
    }

    /** The seeds of {@code seeds}, in order, that no trial of {@code trials} covers. */
    static List<Long> missing(List<FrozenTrial> trials, List<Long> seeds) {
        Set<Long> covered = new HashSet<>();
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.WAITING || t.state() == TrialState.RUNNING || t.state() == TrialState.COMPLETE) {
                seedOf(t).ifPresent(covered::add);
            }
        }
        return seeds.stream().filter(s -> !covered.contains(s)).toList();
    }

    /**
     * The trial that evaluates {@code trial}'s seed before it, if any: a COMPLETE one, or a RUNNING one
     * with a lower number (so that of two duplicates running at once exactly one goes on).
     */
    static Optional<FrozenTrial> evaluatedBefore(List<FrozenTrial> trials, FrozenTrial trial) {
        Optional<Long> seed = seedOf(trial);
        if (seed.isEmpty()) {
            return Optional.empty();
        }
        return trials.stream()
                .filter(t -> t.trialId() != trial.trialId() && seed.equals(seedOf(t)))
                .filter(t -> t.state() == TrialState.COMPLETE || t.state() == TrialState.RUNNING && t.number() < trial.number())
                .findFirst();
    }

    /** The training seed trial {@code t} evaluates: its enqueued one, else its parameter; empty when it has neither. */
    static Optional<Long> seedOf(FrozenTrial t) {
        if (t.systemAttrs().get(Study.FIXED_PARAMS) instanceof Map<?, ?> fixed
                && fixed.get(RunCodec.SEED_PARAM) instanceof Number n) {
            return Optional.of(n.longValue());
        }
        return t.params().get(RunCodec.SEED_PARAM) instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
    }
}
