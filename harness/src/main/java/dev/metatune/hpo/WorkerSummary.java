package dev.metatune.hpo;

import java.time.Duration;
import java.util.Objects;

/**
 * What one {@link StudyWorker#run()} did.
 *
 * @param trialsRun     trials this worker ran to an end (any state)
 * @param trialsReaped  trials of dead workers this worker marked FAIL
 * @param countedTrials trials that count against the study's budget, at the end (all workers)
 * @param stop          why the loop ended
 * @param elapsed       how long it ran, by the study's clock
 */
public record WorkerSummary(int trialsRun, int trialsReaped, int countedTrials, Stop stop, Duration elapsed) {

    /** Why a worker loop ended. */
    public enum Stop {
        /** The budget of counted trials is used and no trial is waiting or running. */
        BUDGET_USED,
        /** The sampler has no trial left (a grid whose every point is taken) and none is waiting or running. */
        SAMPLER_EXHAUSTED,
        /** The study timeout passed. */
        TIMEOUT,
        /** {@link Study#stop()} was called. */
        STOPPED,
        /**
         * Nothing was left for this worker to start while trials of other workers were still running,
         * and it was built not to wait for them ({@link StudyWorker.Builder#optWaitForOthers}).
         */
        OTHERS_RUNNING
    }

    public WorkerSummary {
        if (trialsRun < 0 || trialsReaped < 0 || countedTrials < 0) {
            throw new IllegalArgumentException("trial counts must be >= 0, got run " + trialsRun + ", reaped "
                    + trialsReaped + ", counted " + countedTrials);
        }
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
