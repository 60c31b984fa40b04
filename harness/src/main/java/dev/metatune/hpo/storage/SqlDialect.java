package dev.metatune.hpo.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What differs between the SQL databases a {@link JdbcStorage} runs on; the schema (Optuna's, see
 * {@link JdbcSchema}) and every other statement are the same. SQLite serialises writers with
 * {@code BEGIN IMMEDIATE} (set on the connection), PostgreSQL with row locks
 * ({@code SELECT ... FOR UPDATE [SKIP LOCKED]}). The two keep Optuna's enums and times
 * differently: SQLite as text (times as SQLAlchemy writes them, {@code 2024-05-01 12:00:00.000000}),
 * PostgreSQL as enum types and {@code timestamp without time zone}. Metatune writes times in UTC.
 */
enum SqlDialect {
    SQLITE("", ""),
    POSTGRESQL(" FOR UPDATE", " FOR UPDATE SKIP LOCKED");

    /** SQLAlchemy's text form of a DateTime in SQLite. */
    private static final DateTimeFormatter SQLITE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

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

    /** {@code at} as a statement argument for a DateTime column (null stays null). */
    Object time(Instant at) {
        if (at == null) {
            return null;
        }
        LocalDateTime utc = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        return this == POSTGRESQL ? utc : SQLITE_TIME.format(utc);
    }

    /** A DateTime column read back as an instant (UTC), or null. */
    Instant readTime(ResultSet rs, int column) throws SQLException {
        if (this == POSTGRESQL) {
            LocalDateTime ts = rs.getObject(column, LocalDateTime.class);
            return ts == null ? null : ts.toInstant(ZoneOffset.UTC);
        }
        String text = rs.getString(column);
        if (text == null) {
            return null;
        }
        return LocalDateTime.parse(text.trim().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
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
