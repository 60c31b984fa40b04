package dev.metatune.suite;

import dev.metatune.error.UserInputException;

/**
 * A suite file that cannot be run: bad YAML, an unknown key, a wrong type, a value out of range
 * or an unknown name. The message names the file, the line and column (1-based), the field, the
 * value and what is allowed, as in
 * {@code quickstart.yaml:12:18: field 'algorithms[0].search.inner_lr': value '-1' ...; allowed: ...}.
 *
 * <p>It is a {@link UserInputException}, so the command line maps it to exit code 2 and
 * prints only the message.
 */
public final class SuiteException extends UserInputException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String field;

    /**
     * @param file   the file as the user named it
     * @param line   1-based line, or 0 when the error concerns the whole file
     * @param column 1-based column, or 0 when unknown
     * @param field  the field path such as {@code algorithms[1].search.inner_lr}, or "" for none
     * @param detail what is wrong, with the value and what is allowed
     */
    public SuiteException(String file, int line, int column, String field, String detail) {
        super(format(file, line, column, field, detail));
        this.file = file;
        this.line = line;
        this.column = column;
        this.field = field;
    }

    private static String format(String file, int line, int column, String field, String detail) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (field != null && !field.isEmpty()) {
            sb.append("field '").append(field).append("': ");
        }
        return sb.append(detail).toString();
    }

    /** The file as the user named it. */
    public String file() {
        return file;
    }

    /** The 1-based line of the offending value, or 0 when the error concerns the whole file. */
    public int line() {
        return line;
    }

    /** The 1-based column of the offending value, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** The field path, such as {@code algorithms[1].search.inner_lr}, or "" when none applies. */
    public String field() {
        return field;
    }
}
