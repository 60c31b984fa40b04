package dev.metatune.hpo.storage;

import dev.metatune.error.UserInputException;

/**
 * A study database was written by a newer Metatune whose schema this build cannot read: open it
 * with that version (or newer), or start a new run with another storage. Nothing in it is changed.
 */
public final class SchemaVersionException extends UserInputException {

    private static final long serialVersionUID = 1L;

    private final int found;
    private final int supported;

    public SchemaVersionException(String where, int found, int supported) {
        super("study storage " + where + " was written by a newer Metatune (schema version " + found
                + "); this build reads schema version " + supported + " and older: open it with the Metatune that"
                + " wrote it, or use another storage");
        this.found = found;
        this.supported = supported;
    }

    /** The schema version recorded in the database. */
    public int found() {
        return found;
    }

    /** The newest schema version this build reads. */
    public int supported() {
        return supported;
    }
}
