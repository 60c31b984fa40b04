package dev.metatune.hpo.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Properties;
import org.sqlite.SQLiteConfig;

/**
 * The one JDBC connection of a {@link JdbcStorage}, and its transactions: SQLite in WAL mode with
 * a busy timeout, writing transactions begun with {@code BEGIN IMMEDIATE} (writers queue instead of
 * failing) and no lock held between transactions;
 * PostgreSQL at READ COMMITTED with row locks. A transaction that loses a race (busy database,
 * serialisation failure, deadlock, a unique key taken meanwhile) is rolled back and run again.
 */
final class JdbcConnection implements AutoCloseable {

    private static final int MAX_ATTEMPTS = 50;

    private final String url;
    private final SqlDialect dialect;
    private final Connection connection;
    private final DatabaseTimes times;

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    JdbcConnection(String jdbcUrl) {
        this.url = jdbcUrl;
        this.dialect = SqlDialect.of(jdbcUrl);
        try {
            Properties props = new Properties();
            if (dialect == SqlDialect.SQLITE) {
                SQLiteConfig config = new SQLiteConfig();
                config.setJournalMode(SQLiteConfig.JournalMode.WAL);
                config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
                config.setBusyTimeout(60_000);
                config.enforceForeignKeys(true);
                props = config.toProperties();
            }
            this.connection = DriverManager.getConnection(jdbcUrl, props);
            if (dialect == SqlDialect.POSTGRESQL) {
                // PostgreSQL begins a transaction at its first statement and holds no lock before
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
            this.times = DatabaseTimes.of(connection, dialect);
            if (dialect == SqlDialect.POSTGRESQL) {
                connection.commit();
            }
            // SQLite stays in auto-commit mode between transactions: the driver would otherwise begin the
            // next transaction at once and hold the file's lock while the objective runs; transactions are
            // begun explicitly below.
        } catch (SQLException e) {
            throw new StorageException("cannot open study storage " + redacted() + ": " + e.getMessage(), e);
        }
    }

    SqlDialect dialect() {
        return dialect;
    }

    /** How this database keeps times. */
    DatabaseTimes times() {
        return times;
    }

    /** The URL with any password masked, for messages. */
    String redacted() {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    /**
     * Runs {@code work} in one writing transaction ({@code BEGIN IMMEDIATE} on SQLite: the writers of
     * every process queue for the file), retrying it when it loses a race; one transaction at a time.
     */
    <T> T transaction(Work<T> work) {
        return run(work, "BEGIN IMMEDIATE");
    }

    /** Runs {@code work} in one reading transaction (a consistent snapshot; SQLite's readers do not block its writer). */
    <T> T read(Work<T> work) {
        return run(work, "BEGIN");
    }

    private synchronized <T> T run(Work<T> work, String sqliteBegin) {
        SQLException last = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            boolean begun = dialect != SqlDialect.SQLITE;
            try {
                if (!begun) {
                    execute(sqliteBegin);
                    begun = true;
                }
                T result = work.run(connection);
                if (dialect == SqlDialect.SQLITE) {
                    execute("COMMIT");
                } else {
                    connection.commit();
                }
                return result;
            } catch (SQLException e) {
                rollback(e, begun);
                if (!dialect.isTransient(e)) {
                    throw new StorageException("study storage " + redacted() + ": " + e.getMessage(), e);
                }
                last = e;
                pause(attempt);
            } catch (RuntimeException e) {
                rollback(e, begun);
                throw e;
            }
        }
        throw new StorageException("study storage " + redacted() + " stayed busy for " + MAX_ATTEMPTS + " attempts", last);
    }

    /** Runs one statement outside any transaction (SQLite's {@code VACUUM INTO} must). */
    synchronized void executeAlone(String sql) {
        try {
            if (dialect == SqlDialect.POSTGRESQL) {
                connection.setAutoCommit(true);
            }
            try {
                execute(sql);
            } finally {
                if (dialect == SqlDialect.POSTGRESQL) {
                    connection.setAutoCommit(false);
                }
            }
        } catch (SQLException e) {
            throw new StorageException("study storage " + redacted() + ": " + e.getMessage(), e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private void rollback(Exception cause, boolean begun) {
        if (!begun) {
            return;
        }
        try {
            if (dialect == SqlDialect.SQLITE) {
                execute("ROLLBACK");
            } else {
                connection.rollback();
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(200, 5L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for the study storage", e);
        }
    }

    /** Runs an update with positional arguments (null, Long, Integer, Double, LocalDateTime or text) and returns the row count. */
    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                if (a == null) {
                    ps.setNull(i + 1, Types.NULL);
                } else if (a instanceof Long l) {
                    ps.setLong(i + 1, l);
                } else if (a instanceof Integer n) {
                    ps.setInt(i + 1, n);
                } else if (a instanceof Double d) {
                    ps.setDouble(i + 1, d);
                } else if (a instanceof java.time.LocalDateTime t) {
                    ps.setObject(i + 1, t);
                } else {
                    ps.setString(i + 1, a.toString());
                }
            }
            return ps.executeUpdate();
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StorageException("closing study storage " + redacted() + ": " + e.getMessage(), e);
        }
    }
}
