package dev.metatune.hpo.storage;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.StudyInfo;
import dev.metatune.hpo.TrialState;
import dev.metatune.space.Distribution;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Metatune's own earlier schema (versions 0 and 1: tables {@code studies(name, direction)},
 * {@code study_user_attrs}, {@code trials} with value and fail reason, {@code trial_params},
 * {@code trial_intermediate_values} with per-instance values, {@code trial_user_attrs},
 * {@code trial_system_attrs}, {@code trial_heartbeats}, times in epoch milliseconds, and from
 * version 1 {@code metatune_schema}), read whole so that {@link JdbcSchema#open} can rewrite it in
 * Optuna's schema: the same studies, trials (numbers, states, values, times, parameters,
 * intermediate and per-instance values, attributes, fail reasons) and heartbeats. On PostgreSQL
 * the old tables are kept as {@code metatune_v1_*} copies; SQLite files are copied whole before
 * ({@link SchemaMigration}).
 */
final class LegacySchema {

    /** The old tables, children first (the order they are dropped in). */
    static final List<String> TABLES = List.of("trial_heartbeats", "trial_system_attrs", "trial_user_attrs",
            "trial_intermediate_values", "trial_params", "trials", "study_user_attrs", "studies", "metatune_schema");

    /** Prefix of the PostgreSQL copies of the old tables. */
    static final String BACKUP_PREFIX = "metatune_v1_";

    /** One study of the old schema, whole. */
    record LegacyStudy(StudyInfo info, Map<String, Object> userAttrs, List<FrozenTrial> trials,
            Map<Long, Instant> heartbeats) {
    }

    private LegacySchema() {
    }

    /** Whether the database holds Metatune's earlier schema. */
    static boolean present(Connection c, SqlDialect d) throws SQLException {
        return JdbcSchema.tableExists(c, d, "study_user_attrs") && JdbcSchema.tableExists(c, d, "trial_system_attrs");
    }

    /** Every study of the old schema, by id. */
    static List<LegacyStudy> read(Connection c, SqlDialect d) throws SQLException {
        Map<Long, StudyInfo> studies = new LinkedHashMap<>();
        query(c, "SELECT study_id, name, direction FROM studies ORDER BY study_id", rs -> studies.put(rs.getLong(1),
                new StudyInfo(rs.getLong(1), rs.getString(2), StudyDirection.valueOf(rs.getString(3)))));
        Map<Long, Map<String, Object>> studyAttrs = new HashMap<>();
        query(c, "SELECT study_id, attr_key, value_json FROM study_user_attrs ORDER BY study_id, attr_key", rs -> studyAttrs
                .computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(rs.getString(2), JsonValues.read(rs.getString(3))));
        Map<Long, Parts> trials = new LinkedHashMap<>();
        query(c, "SELECT trial_id, study_id, number, state, value, fail_reason, datetime_start, datetime_complete"
                + " FROM trials ORDER BY study_id, number", rs -> {
                    Parts p = new Parts();
                    p.studyId = rs.getLong(2);
                    p.number = rs.getInt(3);
                    p.state = TrialState.valueOf(rs.getString(4));
                    double v = rs.getDouble(5);
                    p.value = rs.wasNull() ? null : v;
                    p.failReason = rs.getString(6);
                    p.start = instant(rs, 7);
                    p.complete = instant(rs, 8);
                    trials.put(rs.getLong(1), p);
                });
        query(c, "SELECT trial_id, param_name, distribution_json, internal_value FROM trial_params ORDER BY trial_id, param_name",
                rs -> {
                    Parts p = trials.get(rs.getLong(1));
                    Distribution dist = DistributionCodec.fromJson(rs.getString(3));
                    p.distributions.put(rs.getString(2), dist);
                    p.params.put(rs.getString(2), dist.toExternal(rs.getDouble(4)));
                });
        query(c, "SELECT trial_id, step, value, instance_values_json FROM trial_intermediate_values ORDER BY trial_id, step",
                rs -> {
                    Parts p = trials.get(rs.getLong(1));
                    double v = rs.getDouble(3);
                    boolean missing = rs.wasNull();
                    p.intermediate.put(rs.getLong(2), missing ? Double.NaN : v);
                    String inst = rs.getString(4);
                    if (inst != null) {
                        List<Double> values = new ArrayList<>();
                        for (Object o : (List<?>) JsonValues.read(inst)) {
                            values.add(o instanceof Number n ? n.doubleValue() : Double.NaN);
                        }
                        p.instances.put(rs.getLong(2), values);
                    }
                });
        query(c, "SELECT trial_id, attr_key, value_json FROM trial_user_attrs ORDER BY trial_id, attr_key",
                rs -> trials.get(rs.getLong(1)).userAttrs.put(rs.getString(2), JsonValues.read(rs.getString(3))));
        query(c, "SELECT trial_id, attr_key, value_json FROM trial_system_attrs ORDER BY trial_id, attr_key",
                rs -> trials.get(rs.getLong(1)).systemAttrs.put(rs.getString(2), JsonValues.read(rs.getString(3))));
        Map<Long, Instant> beats = new HashMap<>();
        query(c, "SELECT trial_id, heartbeat FROM trial_heartbeats", rs -> beats.put(rs.getLong(1),
                Instant.ofEpochMilli(rs.getLong(2))));
        List<LegacyStudy> out = new ArrayList<>();
        for (StudyInfo s : studies.values()) {
            List<FrozenTrial> list = new ArrayList<>();
            Map<Long, Instant> studyBeats = new HashMap<>();
            for (Map.Entry<Long, Parts> e : trials.entrySet()) {
                if (e.getValue().studyId == s.studyId()) {
                    list.add(e.getValue().freeze(e.getKey()));
                    if (beats.containsKey(e.getKey())) {
                        studyBeats.put(e.getKey(), beats.get(e.getKey()));
                    }
                }
            }
            out.add(new LegacyStudy(s, studyAttrs.getOrDefault(s.studyId(), Map.of()), list, studyBeats));
        }
        return out;
    }

    /** Removes the old tables: on PostgreSQL after copying each to {@code metatune_v1_<table>}. */
    static void retire(Connection c, SqlDialect d) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String table : TABLES) {
                if (!JdbcSchema.tableExists(c, d, table)) {
                    continue;
                }
                if (d == SqlDialect.POSTGRESQL) {
                    s.execute("CREATE TABLE IF NOT EXISTS " + BACKUP_PREFIX + table + " AS SELECT * FROM " + table);
                }
                s.execute("DROP TABLE " + table);
            }
            if (d == SqlDialect.SQLITE && JdbcSchema.tableExists(c, d, "sqlite_sequence")) {
                s.execute("DELETE FROM sqlite_sequence WHERE name IN ('studies', 'trials')");
            }
        }
    }

    /** Writes one old study into Optuna's tables; its trials keep their numbers. */
    static void write(Connection c, DatabaseTimes times, LegacyStudy study) throws SQLException {
        long id = OptunaRows.insertStudy(c, times.dialect(), study.info().name(), study.info().direction());
        for (Map.Entry<String, Object> a : study.userAttrs().entrySet()) {
            OptunaRows.putStudyAttr(c, "study_user_attributes", id, a.getKey(), a.getValue());
        }
        for (FrozenTrial t : study.trials()) {
            OptunaRows.writeTrial(c, times, id, t, study.heartbeats().get(t.trialId()));
        }
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                row.accept(rs);
            }
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
    }

    private static final class Parts {
        long studyId;
        int number;
        TrialState state;
        Double value;
        String failReason;
        Instant start;
        Instant complete;
        final Map<String, Object> params = new LinkedHashMap<>();
        final Map<String, Distribution> distributions = new LinkedHashMap<>();
        final TreeMap<Long, Double> intermediate = new TreeMap<>();
        final Map<Long, List<Double>> instances = new TreeMap<>();
        final Map<String, Object> userAttrs = new LinkedHashMap<>();
        final Map<String, Object> systemAttrs = new LinkedHashMap<>();

        FrozenTrial freeze(long trialId) {
            return new FrozenTrial(trialId, number, state, value, params, distributions, intermediate, instances,
                    userAttrs, systemAttrs, failReason, start, complete);
        }
    }
}
