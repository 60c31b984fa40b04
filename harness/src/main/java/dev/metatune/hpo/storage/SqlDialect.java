package dev.metatune.hpo.storage;

import java.sql.SQLException;

/**
 * What differs between the SQL databases a {@link JdbcStorage} runs on; the schema and every other
 * statement are the same. SQLite serialises writers with {@code BEGIN IMMEDIATE} (set on the
 * connection), PostgreSQL with row locks ({@code SELECT ... FOR UPDATE [SKIP LOCKED]}).
 */
enum SqlDialect {
    SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT", "", ""),
    POSTGRESQL("BIGSERIAL PRIMARY KEY", " FOR UPDATE", " FOR UPDATE SKIP LOCKED");

    /** Column type of an auto-generated 64-bit primary key. */
    final String idColumn;
    /** Suffix that locks the selected rows until the transaction ends. */
    final String forUpdate;
    /** Suffix that locks the selected rows, skipping rows another transaction holds. */
    final String forUpdateSkipLocked;

    SqlDialect(String idColumn, String forUpdate, String forUpdateSkipLocked) {
        this.idColumn = idColumn;
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
