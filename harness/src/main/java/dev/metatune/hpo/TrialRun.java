package dev.metatune.hpo;

import java.util.Optional;

/** Runs an objective on one started trial and tells the study how it ended: shared by {@link Study#optimize} and {@link StudyWorker}. */
final class TrialRun {

    private TrialRun() {
    }

    /**
     * Runs {@code objective} on a started trial and tells the study its outcome: pruning maps to
     * PRUNED, an exception to FAIL with its message. Errors and a failed heartbeat also end the trial
     * FAIL (where the storage still takes it), then are rethrown.
     */
    static FrozenTrial run(Study study, Trial trial, Objective objective) {
        double value;
        try {
            value = objective.evaluate(trial);
        } catch (TrialPrunedException e) {
            requireHeartbeatOrFail(study, trial, e);
            return study.tell(trial, TrialState.PRUNED);
        } catch (Exception e) {
            requireHeartbeatOrFail(study, trial, e);
            return study.tellFail(trial, e.toString());
        } catch (Error e) {
            study.tellFail(trial, e.toString());
            throw e;
        }
        requireHeartbeatOrFail(study, trial, null);
        return study.tell(trial, value);
    }

    /** With a failed heartbeat: ends the trial FAIL if the storage still can, and throws. */
    private static void requireHeartbeatOrFail(Study study, Trial trial, Exception thrown) {
        Optional<RuntimeException> failure = study.heartbeatFailure();
        if (failure.isEmpty()) {
            return;
        }
        HeartbeatFailedException stop = thrown instanceof HeartbeatFailedException h ? h
                : new HeartbeatFailedException(study.name(), failure.get());
        if (thrown != null && thrown != stop) {
            stop.addSuppressed(thrown);
        }
        try {
            study.tellFail(trial, stop.getMessage());
        } catch (RuntimeException storageGone) {
            stop.addSuppressed(storageGone);
        }
        throw stop;
    }

}
