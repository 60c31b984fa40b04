package dev.metatune.hpo.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Properties;
import org.sqlite.SQLiteConfig;

/**
 * The one JDBC connection of a {@link JdbcStorage}, and its transactions: SQLite in WAL mode with
 * a busy timeout and {@code BEGIN IMMEDIATE} transactions (writers queue instead of failing);
 * PostgreSQL at READ COMMITTED with row locks. A transaction that loses a race (busy database,
 * serialisation failure, deadlock, a unique key taken meanwhile) is rolled back and run again.
 */
final class JdbcConnection implements AutoCloseable {

    private static final int MAX_ATTEMPTS = 50;

    private final String url;
    private final SqlDialect dialect;
    private final Connection connection;

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
                config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
                config.enforceForeignKeys(true);
                props = config.toProperties();
            }
            this.connection = DriverManager.getConnection(jdbcUrl, props);
            connection.setAutoCommit(false);
            if (dialect == SqlDialect.POSTGRESQL) {
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        } catch (SQLException e) {
            throw new StorageException("cannot open study storage " + redacted() + ": " + e.getMessage(), e);
        }
    }

    SqlDialect dialect() {
        return dialect;
    }

    /** The URL with any password masked, for messages. */
    String redacted() {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    /** Runs {@code work} in one transaction, retrying it when it loses a race; one transaction at a time. */
    synchronized <T> T transaction(Work<T> work) {
        SQLException last = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException e) {
                rollback(e);
                if (!dialect.isTransient(e)) {
                    throw new StorageException("study storage " + redacted() + ": " + e.getMessage(), e);
                }
                last = e;
                pause(attempt);
            } catch (RuntimeException e) {
                rollback(e);
                throw e;
            }
        }
        throw new StorageException("study storage " + redacted() + " stayed busy for " + MAX_ATTEMPTS + " attempts", last);
    }

    private void rollback(Exception cause) {
        try {
            connection.rollback();
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

    /** Runs an update with positional arguments (null, Long, Double or text) and returns the row count. */
    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                if (a == null) {
                    ps.setNull(i + 1, Types.NULL);
                } else if (a instanceof Long l) {
                    ps.setLong(i + 1, l);
                } else if (a instanceof Double d) {
                    ps.setDouble(i + 1, d);
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
