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
 * The JDBC storage records its schema version, opens (and stamps) a database of the previous
 * Metatune that recorded none, and refuses one written by a newer schema, changing nothing in it.
 */
class SchemaVersionTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aNewDatabaseIsStampedWithThisBuildsVersion(String kind) throws Exception {
        String url = TestStorages.freshSpec(kind, dir);
        try (JdbcStorage s = new JdbcStorage(url)) {
            assertEquals(JdbcSchema.VERSION, s.schemaVersion());
            s.createStudy("a", StudyDirection.MAXIMIZE);
        }
        try (JdbcStorage s = new JdbcStorage(url)) {
            assertEquals(1, s.studies().size(), "reopened as it was");
            assertEquals(1, count(url, "SELECT COUNT(*) FROM " + JdbcSchema.VERSION_TABLE), "one version row");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aDatabaseOfThePreviousMetatuneWithoutAVersionIsOpenedAndStamped(String kind) throws Exception {
        String url = TestStorages.freshSpec(kind, dir);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            for (String sql : JdbcSchema.statements(SqlDialect.of(url))) {
                st.execute(sql); // the tables as the previous version wrote them, with no version table
            }
            st.execute("INSERT INTO studies (name, direction, created_at) VALUES ('old', 'MAXIMIZE', 0)");
        }
        try (JdbcStorage s = new JdbcStorage(url)) {
            assertTrue(s.findStudy("old").isPresent(), "the old study is there");
            assertEquals(JdbcSchema.VERSION, s.schemaVersion(), "and the database is stamped");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aDatabaseOfANewerSchemaIsRefusedWithBothVersionsNamed(String kind) throws Exception {
        String url = TestStorages.freshSpec(kind, dir);
        try (JdbcStorage s = new JdbcStorage(url)) {
            s.createStudy("a", StudyDirection.MAXIMIZE);
        }
        int newer = JdbcSchema.VERSION + 1;
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("UPDATE " + JdbcSchema.VERSION_TABLE + " SET version = " + newer);
        }
        SchemaVersionException e = assertThrows(SchemaVersionException.class, () -> new JdbcStorage(url));
        assertTrue(e instanceof UserInputException, "exit 2: the user opened a database of another build");
        assertTrue(e.getMessage().contains("schema version " + newer) && e.getMessage().contains("schema version "
                + JdbcSchema.VERSION), e.getMessage());
        assertEquals(newer, e.found());
        assertEquals(newer, count(url, "SELECT version FROM " + JdbcSchema.VERSION_TABLE), "nothing was changed");
        // negative control: the same database at this build's version opens
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("UPDATE " + JdbcSchema.VERSION_TABLE + " SET version = " + JdbcSchema.VERSION);
        }
        try (JdbcStorage s = new JdbcStorage(url)) {
            assertTrue(s.findStudy("a").isPresent());
        }
    }

    private static int count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
