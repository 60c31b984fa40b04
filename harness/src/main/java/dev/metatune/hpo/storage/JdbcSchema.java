package dev.metatune.hpo.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalInt;

/**
 * The tables of a study database, the same over SQLite and PostgreSQL: studies and their user
 * attributes; trials (unique number per study); parameters (distribution as JSON plus the internal
 * value); intermediate values (with per-instance values as JSON); user and system attributes of
 * trials; heartbeats. Times are epoch milliseconds. The version of the schema is kept in
 * {@code metatune_schema} (one row); a database written by a newer schema is refused, and one
 * written before versions were recorded (Metatune before version 1) is opened and stamped.
 */
final class JdbcSchema {

    /** The schema version this build writes and reads. */
    static final int VERSION = 1;

    /** The table holding the schema version. */
    static final String VERSION_TABLE = "metatune_schema";

    private JdbcSchema() {
    }

    static List<String> statements(SqlDialect dialect) {
        String id = dialect.idColumn;
        return List.of(
                "CREATE TABLE IF NOT EXISTS studies (study_id " + id + ", name VARCHAR(512) NOT NULL UNIQUE,"
                        + " direction VARCHAR(16) NOT NULL, created_at BIGINT NOT NULL)",
                "CREATE TABLE IF NOT EXISTS study_user_attrs (study_id BIGINT NOT NULL REFERENCES studies (study_id),"
                        + " attr_key VARCHAR(512) NOT NULL, value_json TEXT NOT NULL, PRIMARY KEY (study_id, attr_key))",
                "CREATE TABLE IF NOT EXISTS trials (trial_id " + id + ","
                        + " study_id BIGINT NOT NULL REFERENCES studies (study_id), number INTEGER NOT NULL,"
                        + " state VARCHAR(16) NOT NULL, value DOUBLE PRECISION, fail_reason TEXT,"
                        + " datetime_start BIGINT, datetime_complete BIGINT, UNIQUE (study_id, number))",
                "CREATE INDEX IF NOT EXISTS trials_by_state ON trials (study_id, state)",
                "CREATE TABLE IF NOT EXISTS trial_params (trial_id BIGINT NOT NULL REFERENCES trials (trial_id),"
                        + " param_name VARCHAR(512) NOT NULL, distribution_json TEXT NOT NULL,"
                        + " internal_value DOUBLE PRECISION NOT NULL, PRIMARY KEY (trial_id, param_name))",
                "CREATE TABLE IF NOT EXISTS trial_intermediate_values (trial_id BIGINT NOT NULL REFERENCES trials (trial_id),"
                        + " step BIGINT NOT NULL, value DOUBLE PRECISION, instance_values_json TEXT,"
                        + " PRIMARY KEY (trial_id, step))",
                "CREATE TABLE IF NOT EXISTS trial_user_attrs (trial_id BIGINT NOT NULL REFERENCES trials (trial_id),"
                        + " attr_key VARCHAR(512) NOT NULL, value_json TEXT NOT NULL, PRIMARY KEY (trial_id, attr_key))",
                "CREATE TABLE IF NOT EXISTS trial_system_attrs (trial_id BIGINT NOT NULL REFERENCES trials (trial_id),"
                        + " attr_key VARCHAR(512) NOT NULL, value_json TEXT NOT NULL, PRIMARY KEY (trial_id, attr_key))",
                "CREATE TABLE IF NOT EXISTS trial_heartbeats (trial_id BIGINT PRIMARY KEY REFERENCES trials (trial_id),"
                        + " heartbeat BIGINT NOT NULL)");
    }

    /**
     * Checks the schema version, then creates the tables that are missing and records the version
     * where none is, inside the caller's transaction; a {@link SchemaVersionException} for a
     * database of a newer schema (nothing is changed in it).
     */
    static void create(Connection c, SqlDialect dialect, String where) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (dialect == SqlDialect.POSTGRESQL) {
                // concurrent CREATE TABLE IF NOT EXISTS can collide in PostgreSQL's catalog: one at a time
                s.execute("SELECT pg_advisory_xact_lock(7306256415)");
            }
            s.execute("CREATE TABLE IF NOT EXISTS " + VERSION_TABLE + " (id INTEGER PRIMARY KEY, version INTEGER NOT NULL,"
                    + " written_at BIGINT NOT NULL)");
            OptionalInt stored = version(c);
            if (stored.isPresent() && stored.getAsInt() > VERSION) {
                throw new SchemaVersionException(where, stored.getAsInt(), VERSION);
            }
            for (String sql : statements(dialect)) {
                s.execute(sql);
            }
            if (stored.isEmpty()) {
                s.execute("INSERT INTO " + VERSION_TABLE + " (id, version, written_at) VALUES (1, " + VERSION + ", "
                        + System.currentTimeMillis() + ") ON CONFLICT (id) DO NOTHING");
            }
        }
    }

    /** The version recorded in the database, if any. */
    static OptionalInt version(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM " + VERSION_TABLE + " WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
        }
    }
}
