package dev.metatune.train;

/** Meta-training produced a non-finite loss: the configuration diverged (recorded as a FAIL with this reason). */
public class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
