package dev.metatune.hpo;

/**
 * The life cycle of a trial, as in Optuna: WAITING (enqueued, not yet claimed by a worker),
 * RUNNING, then one of the finished states COMPLETE, PRUNED or FAIL, which never change again.
 */
public enum TrialState {
    RUNNING,
    COMPLETE,
    PRUNED,
    FAIL,
    WAITING;

    /** Whether a trial in this state is finished and can no longer change. */
    public boolean isFinished() {
        return this == COMPLETE || this == PRUNED || this == FAIL;
    }
}
