package dev.metatune.train.checkpoint;

import dev.metatune.error.UserInputException;

/**
 * A checkpoint or model file that cannot be read, or does not belong to the training that would
 * resume from it: the user's file (exit 2), named in the message.
 */
public class CheckpointException extends UserInputException {

    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
