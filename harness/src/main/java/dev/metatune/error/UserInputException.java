package dev.metatune.error;

/**
 * Something the user asked for cannot be done as asked: a bad option, file, field or value. The
 * message names the file (with line and column where there is one), the field and the value, and
 * what is allowed; the command line prints it alone and exits 2. Anything else that goes wrong
 * (an {@link IllegalArgumentException} from deep inside the code included) is a failure: exit 1.
 */
public class UserInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
