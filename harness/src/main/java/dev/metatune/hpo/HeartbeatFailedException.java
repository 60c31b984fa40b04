package dev.metatune.hpo;

/**
 * The storage did not take this worker's heartbeat (database gone, disk full): other workers will
 * soon mark its trial FAIL as dead and run it again, so the trial must stop at once rather than
 * train on. Thrown by {@link Trial}'s methods once the heartbeat thread has recorded the failure;
 * the worker loop ends the trial FAIL (where the storage still takes it) and stops with this error.
 */
public final class HeartbeatFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HeartbeatFailedException(String study, RuntimeException cause) {
        super("study '" + study + "': the storage refused this worker's heartbeat (" + cause.getMessage()
                + "); the trial stops before other workers take it for dead", cause);
    }
}
