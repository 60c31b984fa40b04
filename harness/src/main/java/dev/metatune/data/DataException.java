package dev.metatune.data;

import dev.metatune.error.UserInputException;

/**
 * Bad input data: a missing file, a corrupt archive, a wrong layout, an impossible episode shape.
 * The message names the file or value and what was expected; the CLI prints it alone and exits 2.
 */
public class DataException extends UserInputException {

    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
