package dev.metatune.hpo.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The tables of a study database: Optuna's RDB schema at alembic revision {@value #CREATED_REVISION}
 * (the head of Optuna 3.0 and 3.1, the revision Debian's {@code python3-optuna} 3.1 reads), the
 * same tables, columns, types, constraints and version rows that Optuna creates, so that
 * {@code optuna.load_study} opens a Metatune study and Metatune opens an Optuna one. Revision
 * {@code v3.2.0.a} (what {@code optuna storage upgrade} of Optuna 3.2 and later makes of it: one
 * more index on {@code trials.study_id}) is read and written the same way.
 *
 * <p>What Metatune keeps beyond Optuna's model lives where Optuna keeps such data, as system
 * attributes (JSON in {@code value_json}): a failed trial's reason under {@value #FAIL_REASON_KEY}
 * (the key Optuna 2 used), per-instance values of step {@code s} under
 * {@value #INSTANCE_VALUES_PREFIX}{@code s}, and the version of these conventions,
 * {@link #VERSION}, on each study Metatune creates, under {@value #VERSION_KEY}. A database whose
 * studies carry a newer version, or whose revision this build does not know, is refused with a
 * {@link SchemaVersionException}; one written by Metatune's own earlier schema is migrated by
 * {@link LegacySchema}.
 */
final class JdbcSchema {

    /**
     * The version of Metatune's storage conventions this build writes and reads: 0 and 1 were
     * Metatune's own tables (1 with a {@code metatune_schema} table), 2 is Optuna's schema.
     */
    static final int VERSION = 2;

    /** The alembic revision of a database this build creates. */
    static final String CREATED_REVISION = "v3.0.0.d";

    /** The alembic revisions this build reads and writes. */
    static final List<String> READABLE_REVISIONS = List.of(CREATED_REVISION, "v3.2.0.a");

    /** Optuna's revisions before {@value #CREATED_REVISION}: {@code optuna storage upgrade} brings them to it or later. */
    static final List<String> OLDER_REVISIONS = List.of("v0.9.0.a", "v1.2.0.a", "v1.3.0.a", "v2.4.0.a", "v2.6.0.a",
            "v3.0.0.a", "v3.0.0.b", "v3.0.0.c");

    /** {@code version_info.schema_version}: Optuna froze it at 12 when it moved to alembic. */
    static final int OPTUNA_SCHEMA_VERSION = 12;

    /** {@code version_info.library_version} of a database Metatune creates: the Optuna release whose schema it is. */
    static final String LIBRARY_VERSION = "3.1.0";

    /** Study system attribute: the version of Metatune's conventions the study was created with. */
    static final String VERSION_KEY = "metatune:schema_version";

    /** Trial system attribute: why a trial failed. */
    static final String FAIL_REASON_KEY = "fail_reason";

    /** Trial system attribute prefix: the per-instance values of a step, a JSON list. */
    static final String INSTANCE_VALUES_PREFIX = "metatune:instance_values:";

    private JdbcSchema() {
    }

    /** Whether a trial system attribute is one of Metatune's own, kept out of {@code FrozenTrial.systemAttrs()}. */
    static boolean reserved(String key) {
        return key.equals(FAIL_REASON_KEY) || key.startsWith(INSTANCE_VALUES_PREFIX);
    }

    /** The DDL of Optuna's tables, as SQLAlchemy emits it for Optuna 3.1's models (tables that exist are kept). */
    static List<String> statements(SqlDialect dialect) {
        boolean pg = dialect == SqlDialect.POSTGRESQL;
        String id = pg ? " SERIAL NOT NULL" : " INTEGER NOT NULL";
        String direction = pg ? "studydirection" : "VARCHAR(8)";
        String state = pg ? "trialstate" : "VARCHAR(8)";
        String valueType = pg ? "trialvaluetype" : "VARCHAR(7)";
        String intermediateType = pg ? "trialintermediatevaluetype" : "VARCHAR(7)";
        String real = pg ? "DOUBLE PRECISION" : "FLOAT";
        String time = pg ? "TIMESTAMP WITHOUT TIME ZONE" : "DATETIME";
        List<String> out = new ArrayList<>();
        out.add("CREATE TABLE IF NOT EXISTS studies (study_id" + id + ", study_name VARCHAR(512) NOT NULL,"
                + " PRIMARY KEY (study_id))");
        out.add("CREATE UNIQUE INDEX IF NOT EXISTS ix_studies_study_name ON studies (study_name)");
        out.add("CREATE TABLE IF NOT EXISTS version_info (version_info_id INTEGER NOT NULL, schema_version INTEGER,"
                + " library_version VARCHAR(256), PRIMARY KEY (version_info_id), CHECK (version_info_id=1))");
        out.add("CREATE TABLE IF NOT EXISTS study_directions (study_direction_id" + id + ", direction " + direction
                + " NOT NULL, study_id INTEGER NOT NULL, objective INTEGER NOT NULL, PRIMARY KEY (study_direction_id),"
                + " UNIQUE (study_id, objective), FOREIGN KEY(study_id) REFERENCES studies (study_id))");
        for (String kind : List.of("user", "system")) {
            out.add("CREATE TABLE IF NOT EXISTS study_" + kind + "_attributes (study_" + kind + "_attribute_id" + id
                    + ", study_id INTEGER, \"key\" VARCHAR(512), value_json TEXT, PRIMARY KEY (study_" + kind
                    + "_attribute_id), UNIQUE (study_id, \"key\"), FOREIGN KEY(study_id) REFERENCES studies (study_id))");
        }
        out.add("CREATE TABLE IF NOT EXISTS trials (trial_id" + id + ", number INTEGER, study_id INTEGER, state " + state
                + " NOT NULL, datetime_start " + time + ", datetime_complete " + time + ", PRIMARY KEY (trial_id),"
                + " FOREIGN KEY(study_id) REFERENCES studies (study_id))");
        for (String kind : List.of("user", "system")) {
            out.add("CREATE TABLE IF NOT EXISTS trial_" + kind + "_attributes (trial_" + kind + "_attribute_id" + id
                    + ", trial_id INTEGER, \"key\" VARCHAR(512), value_json TEXT, PRIMARY KEY (trial_" + kind
                    + "_attribute_id), UNIQUE (trial_id, \"key\"), FOREIGN KEY(trial_id) REFERENCES trials (trial_id))");
        }
        out.add("CREATE TABLE IF NOT EXISTS trial_params (param_id" + id + ", trial_id INTEGER, param_name VARCHAR(512),"
                + " param_value " + real + ", distribution_json TEXT, PRIMARY KEY (param_id),"
                + " UNIQUE (trial_id, param_name), FOREIGN KEY(trial_id) REFERENCES trials (trial_id))");
        out.add("CREATE TABLE IF NOT EXISTS trial_values (trial_value_id" + id + ", trial_id INTEGER NOT NULL,"
                + " objective INTEGER NOT NULL, value " + real + ", value_type " + valueType + " NOT NULL,"
                + " PRIMARY KEY (trial_value_id), UNIQUE (trial_id, objective),"
                + " FOREIGN KEY(trial_id) REFERENCES trials (trial_id))");
        out.add("CREATE TABLE IF NOT EXISTS trial_intermediate_values (trial_intermediate_value_id" + id
                + ", trial_id INTEGER NOT NULL, step INTEGER NOT NULL, intermediate_value " + real
                + ", intermediate_value_type " + intermediateType + " NOT NULL, PRIMARY KEY (trial_intermediate_value_id),"
                + " UNIQUE (trial_id, step), FOREIGN KEY(trial_id) REFERENCES trials (trial_id))");
        out.add("CREATE TABLE IF NOT EXISTS trial_heartbeats (trial_heartbeat_id" + id + ", trial_id INTEGER NOT NULL,"
                + " heartbeat " + time + " NOT NULL, PRIMARY KEY (trial_heartbeat_id), UNIQUE (trial_id),"
                + " FOREIGN KEY(trial_id) REFERENCES trials (trial_id))");
        out.add("CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) NOT NULL,"
                + " CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))");
        return out;
    }

    /** Optuna's enum types, which PostgreSQL keeps as types of their own (SQLite as text). */
    private static final List<List<String>> PG_ENUMS = List.of(
            List.of("studydirection", "NOT_SET", "MINIMIZE", "MAXIMIZE"),
            List.of("trialstate", "RUNNING", "COMPLETE", "PRUNED", "FAIL", "WAITING"),
            List.of("trialvaluetype", "FINITE", "INF_POS", "INF_NEG"),
            List.of("trialintermediatevaluetype", "FINITE", "INF_POS", "INF_NEG", "NAN"));

    /**
     * Makes the database one this build works on, inside the caller's transaction: migrates
     * Metatune's earlier schema ({@link LegacySchema}), creates Optuna's tables and version rows in
     * an empty database, and refuses (changing nothing) one of a revision or version it does not
     * know. Returns whether it migrated.
     */
    static boolean open(Connection c, DatabaseTimes times, String where) throws SQLException {
        SqlDialect dialect = times.dialect();
        try (Statement s = c.createStatement()) {
            if (dialect == SqlDialect.POSTGRESQL) {
                // concurrent CREATE TABLE / TYPE can collide in PostgreSQL's catalog: one at a time
                s.execute("SELECT pg_advisory_xact_lock(7306256415)");
            }
        }
        if (LegacySchema.present(c, dialect)) {
            List<LegacySchema.LegacyStudy> old = LegacySchema.read(c, dialect);
            LegacySchema.retire(c, dialect);
            create(c, dialect);
            for (LegacySchema.LegacyStudy study : old) {
                LegacySchema.write(c, times, study);
            }
            return true;
        }
        if (!tableExists(c, dialect, "studies")) {
            create(c, dialect);
            return false;
        }
        String revision = revision(c, dialect).orElseThrow(() -> new SchemaVersionException(where, null,
                READABLE_REVISIONS, false));
        if (!READABLE_REVISIONS.contains(revision)) {
            throw new SchemaVersionException(where, revision, READABLE_REVISIONS, OLDER_REVISIONS.contains(revision));
        }
        OptionalInt stamped = stampedVersion(c);
        if (stamped.isPresent() && stamped.getAsInt() > VERSION) {
            throw new SchemaVersionException(where, stamped.getAsInt(), VERSION);
        }
        return false;
    }

    private static void create(Connection c, SqlDialect dialect) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (dialect == SqlDialect.POSTGRESQL) {
                for (List<String> e : PG_ENUMS) {
                    if (!pgTypeExists(c, e.get(0))) {
                        s.execute("CREATE TYPE " + e.get(0) + " AS ENUM ('" + String.join("', '", e.subList(1, e.size()))
                                + "')");
                    }
                }
            }
            for (String sql : statements(dialect)) {
                s.execute(sql);
            }
        }
        JdbcConnection.update(c, "INSERT INTO version_info (version_info_id, schema_version, library_version)"
                + " VALUES (1, ?, ?) ON CONFLICT (version_info_id) DO NOTHING", (long) OPTUNA_SCHEMA_VERSION, LIBRARY_VERSION);
        if (revision(c, dialect).isEmpty()) {
            JdbcConnection.update(c, "INSERT INTO alembic_version (version_num) VALUES (?)", CREATED_REVISION);
        }
    }

    /** The alembic revision recorded in the database, if any. */
    static Optional<String> revision(Connection c, SqlDialect dialect) throws SQLException {
        if (!tableExists(c, dialect, "alembic_version")) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT version_num FROM alembic_version");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    /** The newest version of Metatune's conventions that a study of the database was created with, if any. */
    static OptionalInt stampedVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value_json FROM study_system_attributes WHERE \"key\" = ?")) {
            ps.setString(1, VERSION_KEY);
            OptionalInt max = OptionalInt.empty();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (JsonValues.read(rs.getString(1)) instanceof Number n
                            && (max.isEmpty() || n.intValue() > max.getAsInt())) {
                        max = OptionalInt.of(n.intValue());
                    }
                }
            }
            return max;
        }
    }

    static boolean tableExists(Connection c, SqlDialect dialect, String table) throws SQLException {
        String sql = dialect == SqlDialect.POSTGRESQL
                ? "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?"
                : "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean pgTypeExists(Connection c, String type) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                + " WHERE t.typname = ? AND n.nspname = current_schema()")) {
            ps.setString(1, type);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
