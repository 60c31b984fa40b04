package dev.metatune.hpo;

/**
 * What a {@link StudyWorker} tells as it goes, for progress logs. Called on the worker's thread;
 * every method does nothing by default.
 */
public interface WorkerListener {

    /** A listener that ignores everything. */
    WorkerListener NONE = new WorkerListener() {
    };

    /** Trial {@code trial} (as stored at its end) was run by this worker and has finished. */
    default void trialFinished(FrozenTrial trial) {
    }

    /**
     * Trial {@code trial} of some worker went without a heartbeat past the grace period and was
     * marked FAIL by this worker; {@code retried} when its parameters were enqueued again.
     */
    default void trialReaped(FrozenTrial trial, boolean retried) {
    }
}
