package dev.metatune.hpo;

/**
 * Thrown by an objective to stop a trial that its pruner judged unpromising; the study records the
 * trial as {@link TrialState#PRUNED}. Pruning is control flow, not an error.
 */
public final class TrialPrunedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrialPrunedException() {
        super("trial pruned", null, false, false);
    }

    public TrialPrunedException(String message) {
        super(message, null, false, false);
    }
}
