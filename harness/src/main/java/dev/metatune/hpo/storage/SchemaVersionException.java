package dev.metatune.hpo.storage;

import dev.metatune.error.UserInputException;
import java.util.List;

/**
 * A study database this build cannot read: its Optuna schema revision is one this build does not
 * know (an older Optuna's, which {@code optuna storage upgrade} brings forward, or a newer one's),
 * or its studies were written by a newer Metatune. Nothing in it is changed.
 */
public final class SchemaVersionException extends UserInputException {

    private static final long serialVersionUID = 1L;

    private final int found;
    private final int supported;
    private final String revision;

    /** A database whose studies carry a newer version of Metatune's conventions. */
    public SchemaVersionException(String where, int found, int supported) {
        super("study storage " + where + " was written by a newer Metatune (schema version " + found
                + "); this build reads schema version " + supported + " and older: open it with the Metatune that"
                + " wrote it, or use another storage");
        this.found = found;
        this.supported = supported;
        this.revision = null;
    }

    /** A database of an Optuna schema revision this build does not read ({@code revision} null: none recorded). */
    public SchemaVersionException(String where, String revision, List<String> readable, boolean older) {
        super(revisionMessage(where, revision, readable, older));
        this.found = -1;
        this.supported = JdbcSchema.VERSION;
        this.revision = revision == null ? "none" : revision;
    }

    private static String revisionMessage(String where, String revision, List<String> readable, boolean older) {
        String what = revision == null ? " has a studies table but no Optuna schema revision (no alembic_version row)"
                : " has Optuna schema revision " + revision;
        String advice;
        if (revision == null) {
            advice = "it is not a study database of Optuna 0.9 or later, nor of Metatune";
        } else if (older) {
            advice = "upgrade it first with `optuna storage upgrade --storage URL` (Optuna 3.0 or later)";
        } else {
            advice = "it was written by a newer Optuna or Metatune; open it with that version, or use another storage";
        }
        return "study storage " + where + what + "; this build reads revisions " + String.join(" and ", readable)
                + ": " + advice;
    }

    /** The Metatune schema version recorded in the database, or -1 when the Optuna revision was refused. */
    public int found() {
        return found;
    }

    /** The newest Metatune schema version this build reads. */
    public int supported() {
        return supported;
    }

    /** The Optuna schema revision that was refused ("none" when there was none), or null when the Metatune version was. */
    public String revision() {
        return revision;
    }
}
