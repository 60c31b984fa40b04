package dev.metatune.hpo;

/**
 * Decides from a running trial's intermediate values (and the study's other trials) whether to stop
 * it early, as Optuna's {@code BasePruner}. Called by {@link Trial#shouldPrune()}.
 */
@FunctionalInterface
public interface Pruner {

    /** The pruner that never prunes: a study's pruner when none is set. */
    Pruner NONE = (study, trial) -> false;

    /** Whether {@code trial} (a fresh snapshot of a RUNNING trial) should be pruned now. */
    boolean prune(Study study, FrozenTrial trial);
}
