package dev.metatune.hpo.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * Opens a study database for a {@link JdbcStorage} ({@link JdbcSchema#open}) and, when it holds
 * Metatune's earlier schema, migrates it to Optuna's on this first open: an SQLite file is first
 * copied whole (a consistent copy, {@code VACUUM INTO}) to {@code FILE.v1-backup} beside it
 * ({@code FILE.v1-backup-2} and so on when that name is taken); PostgreSQL keeps the old tables
 * as {@code metatune_v1_*}. The rewrite is one transaction: a failure leaves the database as it was.
 */
final class SchemaMigration {

    /** The suffix of an SQLite file's copy made before migrating it. */
    static final String BACKUP_SUFFIX = ".v1-backup";

    private SchemaMigration() {
    }

    /** Opens the schema; returns where the old schema's copy is when it migrated one. */
    static Optional<String> open(JdbcConnection db, String jdbcUrl) {
        SqlDialect dialect = db.dialect();
        Path file = dialect == SqlDialect.SQLITE ? sqliteFile(jdbcUrl) : null;
        Path copy = null;
        if (file != null && db.read(c -> LegacySchema.present(c, dialect))) {
            copy = file.resolveSibling(file.getFileName() + BACKUP_SUFFIX + ".tmp-" + UUID.randomUUID());
            db.executeAlone("VACUUM INTO '" + copy.toString().replace("'", "''") + "'");
        }
        boolean migrated;
        try {
            migrated = db.transaction(c -> JdbcSchema.open(c, db.times(), db.redacted()));
        } catch (RuntimeException e) {
            delete(copy, e);
            throw e;
        }
        if (!migrated) {
            delete(copy, null);
            return Optional.empty();
        }
        if (copy == null) {
            return Optional.of(dialect == SqlDialect.POSTGRESQL ? "tables " + LegacySchema.BACKUP_PREFIX + "*"
                    : "no copy (not a file)");
        }
        try {
            Path target = file.resolveSibling(file.getFileName() + BACKUP_SUFFIX);
            for (int n = 2; Files.exists(target); n++) {
                target = file.resolveSibling(file.getFileName() + BACKUP_SUFFIX + "-" + n);
            }
            return Optional.of(Files.move(copy, target).toString());
        } catch (IOException e) {
            return Optional.of(copy.toString());
        }
    }

    /** The file of an SQLite JDBC URL, or null for an in-memory database. */
    static Path sqliteFile(String jdbcUrl) {
        String path = jdbcUrl.substring("jdbc:sqlite:".length());
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.isEmpty() || path.equals(":memory:") || path.contains("mode=memory")) {
            return null;
        }
        return Path.of(path).toAbsolutePath();
    }

    private static void delete(Path copy, RuntimeException cause) {
        if (copy == null) {
            return;
        }
        try {
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            } else {
                throw new UncheckedIOException(e);
            }
        }
    }
}
