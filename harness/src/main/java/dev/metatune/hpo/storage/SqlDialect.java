package dev.metatune.hpo.storage;

import java.sql.SQLException;

/**
 * What differs between the SQL databases a {@link JdbcStorage} runs on; the schema (Optuna's, see
 * {@link JdbcSchema}) and every other statement are the same. SQLite serialises writers with
 * {@code BEGIN IMMEDIATE} (set on the connection), PostgreSQL with row locks
 * ({@code SELECT ... FOR UPDATE [SKIP LOCKED]}). The two keep Optuna's enums and times
 * differently: SQLite as text (times as SQLAlchemy writes them, {@code 2024-05-01 12:00:00.000000}),
 * PostgreSQL as enum types and {@code timestamp without time zone}; {@link DatabaseTimes} says in which zone.
 */
enum SqlDialect {
    SQLITE("", ""),
    POSTGRESQL(" FOR UPDATE", " FOR UPDATE SKIP LOCKED");

    /** Suffix that locks the selected rows until the transaction ends. */
    final String forUpdate;
    /** Suffix that locks the selected rows, skipping rows another transaction holds. */
    final String forUpdateSkipLocked;

    SqlDialect(String forUpdate, String forUpdateSkipLocked) {
        this.forUpdate = forUpdate;
        this.forUpdateSkipLocked = forUpdateSkipLocked;
    }

    static SqlDialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("storage URL '" + jdbcUrl
                + "' names no supported database; use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
    }

    /** A placeholder for a value of one of Optuna's enum types ({@code trialstate}, ...): PostgreSQL needs the cast. */
    String enumParam(String type) {
        return this == POSTGRESQL ? "CAST(? AS " + type + ")" : "?";
    }

    /** Whether a failed transaction may succeed when run again (lock contention, serialisation). */
    boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                String message = String.valueOf(s.getMessage());
                if (this == SQLITE && (s.getErrorCode() == 5 || s.getErrorCode() == 6
                        || message.contains("SQLITE_BUSY") || message.contains("database is locked"))) {
                    return true;
                }
                if (this == POSTGRESQL && state != null
                        && (state.equals("40001") || state.equals("40P01") || state.equals("23505"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
