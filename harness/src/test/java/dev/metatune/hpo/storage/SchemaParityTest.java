package dev.metatune.hpo.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tables Metatune creates are the tables Optuna 3.1 creates: the same tables, columns (name,
 * type, nullability, primary key, default), unique constraints, foreign keys, indexes, enum types
 * (PostgreSQL) and version rows, compared on an empty database each created.
 */
class SchemaParityTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void metatuneCreatesExactlyOptunasSchema(String kind) throws Exception {
        OptunaPeer.require("optuna");
        String byMetatune = TestStorages.freshSpec(kind, dir);
        String byOptuna = TestStorages.freshSpec(kind, dir);
        new JdbcStorage(byMetatune).close();
        Map<String, Object> init = OptunaPeer.run(dir, "init", byOptuna, "-");
        assertEquals(JdbcSchema.CREATED_REVISION, init.get("revision"), "Debian's Optuna creates revision "
                + JdbcSchema.CREATED_REVISION);
        List<String> optuna = describe(byOptuna, kind);
        assertTrue(optuna.size() > 80, "the description covers the schema: " + optuna);
        assertEquals(String.join("\n", optuna), String.join("\n", describe(byMetatune, kind)));
        new JdbcStorage(byOptuna).close(); // and Metatune opens Optuna's as it is
        assertEquals(String.join("\n", optuna), String.join("\n", describe(byOptuna, kind)), "unchanged by opening");
    }

    /** Every fact of the schema that Optuna depends on, one line each, sorted. */
    static List<String> describe(String url, String kind) throws SQLException {
        TreeSet<String> out = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            if (kind.equals("sqlite")) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String t : tables) {
                    out.add("table " + t);
                    rows(s, "PRAGMA table_info(" + t + ")", "column " + t, out);
                    rows(s, "PRAGMA foreign_key_list(" + t + ")", "fk " + t, out);
                    List<String> indexes = new ArrayList<>();
                    try (ResultSet rs = s.executeQuery("PRAGMA index_list(" + t + ")")) {
                        while (rs.next()) {
                            indexes.add(rs.getString("name"));
                            out.add("index " + t + " " + rs.getString("name") + " unique=" + rs.getInt("unique")
                                    + " origin=" + rs.getString("origin"));
                        }
                    }
                    for (String i : indexes) {
                        rows(s, "PRAGMA index_info(" + i + ")", "index-column " + i, out);
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT name, sql FROM sqlite_master WHERE sql LIKE '%CHECK%'")) {
                    while (rs.next()) {
                        out.add("check " + rs.getString(1) + " " + rs.getString(2).replaceAll("\\s+", "")
                                .replaceAll(".*CHECK", "CHECK").replace(")", ""));
                    }
                }
            } else {
                String schema = c.getSchema();
                rows(s, "SELECT table_name, column_name, ordinal_position, data_type, udt_name, is_nullable,"
                        + " character_maximum_length, numeric_precision, column_default FROM information_schema.columns"
                        + " WHERE table_schema = current_schema()", "column", out);
                rows(s, "SELECT table_name, constraint_name, constraint_type FROM information_schema.table_constraints"
                        + " WHERE table_schema = current_schema() AND constraint_name NOT LIKE '%_not_null'", "constraint", out);
                rows(s, "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
                        + " WHERE connamespace = current_schema()::regnamespace", "constraint-def", out);
                rows(s, "SELECT tablename, indexname, replace(indexdef, '" + schema + ".', '') FROM pg_indexes"
                        + " WHERE schemaname = current_schema()", "index", out);
                rows(s, "SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid"
                        + " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = current_schema()", "enum", out);
            }
            rows(s, "SELECT version_info_id, schema_version FROM version_info", "version_info", out);
            rows(s, "SELECT version_num FROM alembic_version", "alembic_version", out);
        }
        return new ArrayList<>(out);
    }

    private static void rows(Statement s, String sql, String prefix, TreeSet<String> out) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder b = new StringBuilder(prefix);
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    b.append(' ').append(md.getColumnLabel(i)).append('=').append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
    }
}
