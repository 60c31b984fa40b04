package dev.metatune.hpo.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.error.UserInputException;
import dev.metatune.hpo.StudyDirection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JDBC storage writes Optuna's version rows (alembic revision v3.0.0.d, version_info 12) and
 * stamps its studies with the version of Metatune's conventions; it reads the revision that
 * {@code optuna storage upgrade} of a newer Optuna makes (v3.2.0.a) and refuses, changing
 * nothing, a revision it does not know (naming the upgrade command for an older Optuna's) or a
 * study of a newer Metatune.
 */
class SchemaVersionTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aNewDatabaseHasOptunasVersionRowsAndItsStudiesMetatunesStamp(String kind) throws Exception {
        String url = TestStorages.freshSpec(kind, dir);
        try (JdbcStorage s = new JdbcStorage(url)) {
            assertEquals("v3.0.0.d", s.schemaRevision());
            s.createStudy("a", StudyDirection.MAXIMIZE);
            assertEquals(JdbcSchema.VERSION, s.schemaVersion());
        }
        try (JdbcStorage s = new JdbcStorage(url)) {
            assertEquals(1, s.studies().size(), "reopened as it was");
        }
        assertEquals("1 v3.0.0.d", text(url, "SELECT COUNT(*) || ' ' || MAX(version_num) FROM alembic_version"));
        assertEquals("1 12 3.1.0", text(url, "SELECT version_info_id || ' ' || schema_version || ' ' || library_version"
                + " FROM version_info"));
        assertEquals("2", text(url, "SELECT value_json FROM study_system_attributes WHERE \"key\" = 'metatune:schema_version'"));
        assertEquals("MAXIMIZE", text(url, "SELECT direction FROM study_directions WHERE objective = 0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aStudyOfANewerMetatuneIsRefusedWithBothVersionsNamed(String kind) throws Exception {
        String url = TestStorages.freshSpec(kind, dir);
        try (JdbcStorage s = new JdbcStorage(url)) {
            s.createStudy("a", StudyDirection.MAXIMIZE);
        }
        int newer = JdbcSchema.VERSION + 1;
        execute(url, "UPDATE study_system_attributes SET value_json = '" + newer + "' WHERE \"key\" = 'metatune:schema_version'");
        SchemaVersionException e = assertThrows(SchemaVersionException.class, () -> new JdbcStorage(url));
        assertTrue(e instanceof UserInputException, "exit 2: the user opened a database of another build");
        assertTrue(e.getMessage().contains("schema version " + newer) && e.getMessage().contains("schema version "
                + JdbcSchema.VERSION), e.getMessage());
        assertEquals(newer, e.found());
        assertEquals(String.valueOf(newer), text(url, "SELECT value_json FROM study_system_attributes"), "nothing was changed");
        // negative control: the same database at this build's version opens
        execute(url, "UPDATE study_system_attributes SET value_json = '" + JdbcSchema.VERSION + "'");
        try (JdbcStorage s = new JdbcStorage(url)) {
            assertTrue(s.findStudy("a").isPresent());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void anUnknownRevisionIsRefusedAndTheUpgradedOneIsRead(String kind) throws Exception {
        String url = TestStorages.freshSpec(kind, dir);
        try (JdbcStorage s = new JdbcStorage(url)) {
            s.createStudy("a", StudyDirection.MINIMIZE);
        }
        execute(url, "UPDATE alembic_version SET version_num = 'v9.9.9.z'");
        SchemaVersionException newer = assertThrows(SchemaVersionException.class, () -> new JdbcStorage(url));
        assertEquals("v9.9.9.z", newer.revision());
        assertTrue(newer.getMessage().contains("newer Optuna"), newer.getMessage());
        assertEquals("v9.9.9.z", text(url, "SELECT version_num FROM alembic_version"), "nothing was changed");
        execute(url, "UPDATE alembic_version SET version_num = 'v2.6.0.a'");
        SchemaVersionException older = assertThrows(SchemaVersionException.class, () -> new JdbcStorage(url));
        assertTrue(older.getMessage().contains("optuna storage upgrade --storage"), older.getMessage());
        execute(url, "DELETE FROM alembic_version");
        SchemaVersionException none = assertThrows(SchemaVersionException.class, () -> new JdbcStorage(url));
        assertTrue(none.getMessage().contains("no Optuna schema revision"), none.getMessage());
        execute(url, "INSERT INTO alembic_version (version_num) VALUES ('v2.6.0.a')");
        // what Optuna 3.2's `optuna storage upgrade` does to revision v3.0.0.d
        execute(url, "UPDATE alembic_version SET version_num = 'v3.2.0.a'");
        execute(url, "CREATE INDEX trials_study_id_key ON trials (study_id)");
        try (JdbcStorage s = new JdbcStorage(url)) {
            assertEquals("v3.2.0.a", s.schemaRevision());
            long id = s.findStudy("a").orElseThrow().studyId();
            assertEquals(0, s.claimOrCreateTrial(id, java.time.Instant.now(), null).number());
        }
    }

    static void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static String text(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
