package dev.metatune.hpo.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.StudyInfo;
import dev.metatune.hpo.TrialState;
import dev.metatune.space.Distribution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database of Metatune's earlier schema (test resource {@code hpo-storage-v1/studies.db}, written
 * by schema version 1 before the move to Optuna's schema) is migrated on first open, with a copy of
 * the file kept beside it, and reads exactly as the old schema did; PostgreSQL keeps the old tables
 * as {@code metatune_v1_*}. The run folder fixture {@code run-v0} (schema version 0) is migrated
 * the same way by {@code RunFolderFixtureTest}, which rebuilds its report byte for byte.
 */
class LegacyMigrationTest {

    private static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_123L);

    @TempDir
    Path dir;

    @Test
    void aStudiesDbOfThePreviousSchemaIsMigratedOnFirstOpenWithACopyBesideIt() throws Exception {
        Path db = dir.resolve("studies.db");
        Files.copy(Path.of(getClass().getResource("/hpo-storage-v1/studies.db").toURI()), db);
        String url = "jdbc:sqlite:" + db;
        Path backup = dir.resolve("studies.db" + SchemaMigration.BACKUP_SUFFIX);
        List<FrozenTrial> before;
        try (Connection c = DriverManager.getConnection(url)) {
            before = LegacySchema.read(c, SqlDialect.SQLITE).get(0).trials();
        }
        try (JdbcStorage s = new JdbcStorage(url)) {
            assertEquals(Optional.of(backup.toString()), s.migrationBackup());
            assertEquals("v3.0.0.d", s.schemaRevision());
            assertEquals(List.of("tune MAXIMIZE", "loss MINIMIZE"),
                    s.studies().stream().map(i -> i.name() + " " + i.direction()).toList());
            StudyInfo tune = s.findStudy("tune").orElseThrow();
            assertEquals(Map.of("paper", "Finn et al. 2017", "shots", 5), s.studyUserAttrs(tune.studyId()));
            List<FrozenTrial> trials = s.trials(tune.studyId());
            assertEquals(List.of(TrialState.COMPLETE, TrialState.COMPLETE, TrialState.FAIL, TrialState.PRUNED,
                    TrialState.COMPLETE, TrialState.RUNNING, TrialState.WAITING),
                    trials.stream().map(FrozenTrial::state).toList());
            FrozenTrial t0 = trials.get(0);
            assertEquals(Map.of("lr", 0.001, "q", 0.0, "steps", 1L, "opt", "adam"), t0.params());
            assertEquals(new Distribution.Categorical(List.of("adam", "sgd", 3, true)), t0.distributions().get("opt"));
            assertEquals(new Distribution.IntRange(1, 9, 2, false), t0.distributions().get("steps"));
            assertEquals(0.7, t0.value());
            assertEquals(Map.of(10L, 0.5, 20L, 0.6), t0.intermediateValues());
            assertEquals(List.of(0.5, 0.6, Double.NaN), t0.instanceValues().get(10L));
            assertEquals(Map.of("worker", 0), t0.userAttrs());
            assertEquals(Map.of("fixed_params", Map.of("lr", 0.4, "opt", "adam"), "retry_count", 0), t0.systemAttrs());
            assertEquals(T0, t0.start());
            assertEquals(T0.plusSeconds(7), t0.complete());
            assertEquals("diverged: loss is NaN", trials.get(2).failReason());
            assertNull(trials.get(2).value());
            assertEquals(0.55, trials.get(3).value());
            assertTrue(trials.get(3).intermediateValues().get(20L).isNaN());
            assertEquals(Map.of("fixed_params", Map.of("lr", 0.01)), trials.get(6).systemAttrs());
            for (int i = 0; i < before.size(); i++) {
                assertSameTrial(before.get(i), trials.get(i));
            }
            // the RUNNING trial's heartbeat came along: it goes stale after the grace period
            List<FrozenTrial> stale = s.failStaleTrials(tune.studyId(), Duration.ofSeconds(30), T0.plusSeconds(200));
            assertEquals(List.of(5), stale.stream().map(FrozenTrial::number).toList());
            // and the study goes on where it was: the WAITING trial first, then number 7
            assertEquals(6, s.claimOrCreateTrial(tune.studyId(), T0, null).number());
            assertEquals(7, s.claimOrCreateTrial(tune.studyId(), T0, null).number());
            assertEquals(2.25, s.trials(s.findStudy("loss").orElseThrow().studyId()).get(0).value());
        }
        assertEquals("8", SchemaVersionTest.text("jdbc:sqlite:" + backup, "SELECT COUNT(*) FROM trials"),
                "the copy is the old database");
        assertEquals("1", SchemaVersionTest.text("jdbc:sqlite:" + backup, "SELECT version FROM metatune_schema"));
        try (JdbcStorage s = new JdbcStorage(url)) {
            assertEquals(Optional.empty(), s.migrationBackup(), "migrated once");
        }
        assertFalse(Files.exists(dir.resolve("studies.db" + SchemaMigration.BACKUP_SUFFIX + "-2")));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "no temporary copy left");
        }
    }

    @Test
    void aPostgresqlDatabaseOfThePreviousSchemaIsMigratedKeepingItsTables() throws Exception {
        String url = TestStorages.freshPostgresUrl();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            for (String sql : V1_POSTGRES) {
                st.execute(sql);
            }
        }
        try (JdbcStorage s = new JdbcStorage(url)) {
            assertEquals(Optional.of("tables " + LegacySchema.BACKUP_PREFIX + "*"), s.migrationBackup());
            StudyInfo old = s.findStudy("old").orElseThrow();
            assertEquals(StudyDirection.MAXIMIZE, old.direction());
            List<FrozenTrial> trials = s.trials(old.studyId());
            assertEquals(2, trials.size());
            assertEquals(0.5, trials.get(0).value());
            assertEquals(Map.of("x", 0.25), trials.get(0).params());
            assertEquals(List.of(0.5, 0.75), trials.get(0).instanceValues().get(3L));
            assertEquals("diverged", trials.get(1).failReason());
            assertEquals(Instant.ofEpochMilli(1_000), trials.get(0).start());
            assertEquals(2, s.claimOrCreateTrial(old.studyId(), T0, null).number());
        }
        assertEquals("2", SchemaVersionTest.text(url, "SELECT COUNT(*) FROM " + LegacySchema.BACKUP_PREFIX + "trials"));
        try (JdbcStorage s = new JdbcStorage(url)) {
            assertEquals(Optional.empty(), s.migrationBackup(), "migrated once");
        }
    }

    private static void assertSameTrial(FrozenTrial old, FrozenTrial now) {
        assertEquals(List.of(old.number(), old.state(), old.params(), old.distributions(), old.userAttrs(),
                old.systemAttrs(), String.valueOf(old.failReason()), String.valueOf(old.start()),
                String.valueOf(old.complete()), String.valueOf(old.value()), old.intermediateValues().toString(),
                old.instanceValues().toString()),
                List.of(now.number(), now.state(), now.params(), now.distributions(), now.userAttrs(),
                        now.systemAttrs(), String.valueOf(now.failReason()), String.valueOf(now.start()),
                        String.valueOf(now.complete()), String.valueOf(now.value()), now.intermediateValues().toString(),
                        now.instanceValues().toString()), "trial " + old.number());
    }

    /** Metatune's schema version 1 on PostgreSQL, as the previous build created it, with a little data. */
    private static final List<String> V1_POSTGRES = List.of(
            "CREATE TABLE metatune_schema (id INTEGER PRIMARY KEY, version INTEGER NOT NULL, written_at BIGINT NOT NULL)",
            "INSERT INTO metatune_schema VALUES (1, 1, 0)",
            "CREATE TABLE studies (study_id BIGSERIAL PRIMARY KEY, name VARCHAR(512) NOT NULL UNIQUE,"
                    + " direction VARCHAR(16) NOT NULL, created_at BIGINT NOT NULL)",
            "CREATE TABLE study_user_attrs (study_id BIGINT NOT NULL REFERENCES studies (study_id),"
                    + " attr_key VARCHAR(512) NOT NULL, value_json TEXT NOT NULL, PRIMARY KEY (study_id, attr_key))",
            "CREATE TABLE trials (trial_id BIGSERIAL PRIMARY KEY, study_id BIGINT NOT NULL REFERENCES studies (study_id),"
                    + " number INTEGER NOT NULL, state VARCHAR(16) NOT NULL, value DOUBLE PRECISION, fail_reason TEXT,"
                    + " datetime_start BIGINT, datetime_complete BIGINT, UNIQUE (study_id, number))",
            "CREATE INDEX trials_by_state ON trials (study_id, state)",
            "CREATE TABLE trial_params (trial_id BIGINT NOT NULL REFERENCES trials (trial_id),"
                    + " param_name VARCHAR(512) NOT NULL, distribution_json TEXT NOT NULL,"
                    + " internal_value DOUBLE PRECISION NOT NULL, PRIMARY KEY (trial_id, param_name))",
            "CREATE TABLE trial_intermediate_values (trial_id BIGINT NOT NULL REFERENCES trials (trial_id),"
                    + " step BIGINT NOT NULL, value DOUBLE PRECISION, instance_values_json TEXT, PRIMARY KEY (trial_id, step))",
            "CREATE TABLE trial_user_attrs (trial_id BIGINT NOT NULL REFERENCES trials (trial_id),"
                    + " attr_key VARCHAR(512) NOT NULL, value_json TEXT NOT NULL, PRIMARY KEY (trial_id, attr_key))",
            "CREATE TABLE trial_system_attrs (trial_id BIGINT NOT NULL REFERENCES trials (trial_id),"
                    + " attr_key VARCHAR(512) NOT NULL, value_json TEXT NOT NULL, PRIMARY KEY (trial_id, attr_key))",
            "CREATE TABLE trial_heartbeats (trial_id BIGINT PRIMARY KEY REFERENCES trials (trial_id), heartbeat BIGINT NOT NULL)",
            "INSERT INTO studies (name, direction, created_at) VALUES ('old', 'MAXIMIZE', 0)",
            "INSERT INTO trials (study_id, number, state, value, datetime_start, datetime_complete)"
                    + " VALUES (1, 0, 'COMPLETE', 0.5, 1000, 2000)",
            "INSERT INTO trials (study_id, number, state, fail_reason, datetime_start, datetime_complete)"
                    + " VALUES (1, 1, 'FAIL', 'diverged', 3000, 4000)",
            "INSERT INTO trial_params VALUES (1, 'x', '{\"type\":\"float\",\"low\":0.0,\"high\":1.0,\"log\":false,\"step\":0.0}', 0.25)",
            "INSERT INTO trial_intermediate_values VALUES (1, 3, 0.6, '[0.5,0.75]')");
}
