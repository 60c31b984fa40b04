package dev.metatune.hpo.storage;

import dev.metatune.hpo.Storage;

import dev.metatune.testing.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The storages every contract test runs over, each fresh: in memory, a new SQLite file, a new
 * schema on the PostgreSQL server named by METATUNE_TEST_POSTGRES_URL (skipped outside CI when it
 * is unset, a failure in CI). Adding a storage here tests it everywhere.
 */
public final class TestStorages {

    public static final String POSTGRES_ENV = "METATUNE_TEST_POSTGRES_URL";

    private TestStorages() {
    }

    /** Named suppliers of fresh storage URLs. */
    public static List<String> names() {
        return List.of("memory", "sqlite", "postgresql");
    }

    /** A fresh storage spec (for {@link StorageFactory#open}) of the given kind. */
    public static String freshSpec(String kind, Path dir) {
        switch (kind) {
            case "memory":
                return "memory";
            case "sqlite":
                return "jdbc:sqlite:" + dir.resolve("study-" + UUID.randomUUID() + ".db");
            case "postgresql":
                return freshPostgresUrl();
            default:
                throw new IllegalArgumentException("unknown test storage '" + kind + "'");
        }
    }

    public static Storage open(String kind, Path dir) {
        return StorageFactory.open(freshSpec(kind, dir));
    }

    /** A JDBC URL to a new, empty schema on the test server; skips (or fails in CI) without one. */
    public static String freshPostgresUrl() {
        String base = postgresServerUrl();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a schema on the test PostgreSQL server: " + e.getMessage(), e);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /**
     * A JDBC URL to a new, empty database on the test server whose sessions are in {@code zone} unless
     * their client names another (as a server in that zone would be); skips (or fails in CI) without a server.
     */
    public static String freshPostgresUrlInZone(String zone) {
        String base = postgresServerUrl();
        String db = "z_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("CREATE DATABASE " + db);
            s.execute("ALTER DATABASE " + db + " SET timezone TO '" + zone + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a database on the test PostgreSQL server: " + e.getMessage(), e);
        }
        String path = base.substring("jdbc:postgresql://".length());
        int slash = path.indexOf('/');
        int query = path.indexOf('?');
        return "jdbc:postgresql://" + path.substring(0, slash + 1) + db + (query < 0 ? "" : path.substring(query));
    }

    /** The test server's JDBC URL; skips (or fails in CI) without one. */
    private static String postgresServerUrl() {
        String base = System.getenv(POSTGRES_ENV);
        if (base == null || base.isBlank()) {
            String why = POSTGRES_ENV + " is not set; start a server with: source .ci/postgres && start_test_postgres";
            if (Environment.inCi()) {
                Assertions.fail("PostgreSQL storage tests cannot run in CI: " + why);
            }
            Assumptions.abort("PostgreSQL storage tests skipped: " + why);
        }
        return base;
    }

    public static Path tempDir() {
        try {
            return Files.createTempDirectory("metatune-hpo-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
