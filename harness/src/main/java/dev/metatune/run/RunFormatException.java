package dev.metatune.run;

import dev.metatune.error.UserInputException;

/**
 * A run's storage was written in a run format this build cannot read: by a newer Metatune, or by an
 * older one where the operation needs the current format (resuming a run). The message names the
 * format version and the Metatune that wrote it.
 */
public class RunFormatException extends UserInputException {

    private static final long serialVersionUID = 1L;

    private final int storedVersion;

    public RunFormatException(int storedVersion, String message) {
        super(message);
        this.storedVersion = storedVersion;
    }

    /** The run format version found in the storage (0 for a run written before versions were stamped). */
    public int storedVersion() {
        return storedVersion;
    }
}
