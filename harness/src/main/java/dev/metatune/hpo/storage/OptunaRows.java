package dev.metatune.hpo.storage;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.TrialState;
import dev.metatune.space.Distribution;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rows of Optuna's schema ({@link JdbcSchema}) that a {@link JdbcStorage} writes, one method a
 * kind of row, inside the caller's transaction and without checks of the trial's state (the
 * storage makes them). Values are kept as Optuna keeps them: infinities as {@code INF_POS} /
 * {@code INF_NEG} with a null value, NaN intermediate values as {@code NAN}; attributes as JSON.
 */
final class OptunaRows {

    private OptunaRows() {
    }

    /** Inserts a study with its direction (objective 0) and the version of Metatune's conventions; returns its id. */
    static long insertStudy(Connection c, SqlDialect d, String name, StudyDirection direction) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO studies (study_name) VALUES (?) RETURNING study_id")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        JdbcConnection.update(c, "INSERT INTO study_directions (direction, study_id, objective) VALUES ("
                + d.enumParam("studydirection") + ", ?, 0)", direction.name(), id);
        putStudyAttr(c, "study_system_attributes", id, JdbcSchema.VERSION_KEY, JdbcSchema.VERSION);
        return id;
    }

    static void putStudyAttr(Connection c, String table, long studyId, String key, Object value) throws SQLException {
        JdbcConnection.update(c, "INSERT INTO " + table + " (study_id, \"key\", value_json) VALUES (?, ?, ?)"
                + " ON CONFLICT (study_id, \"key\") DO UPDATE SET value_json = excluded.value_json",
                studyId, key, JsonValues.write(value));
    }

    /**
     * Inserts a trial numbered as Optuna numbers it (the count of the study's trials before it);
     * the caller holds the study's lock. Returns its id.
     */
    static long insertTrial(Connection c, DatabaseTimes times, long studyId, TrialState state, Instant start)
            throws SQLException {
        long number;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM trials WHERE study_id = ?")) {
            ps.setLong(1, studyId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                number = rs.getLong(1);
            }
        }
        return insertTrial(c, times, studyId, number, state, start, null);
    }

    private static long insertTrial(Connection c, DatabaseTimes times, long studyId, long number, TrialState state,
            Instant start, Instant complete) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trials (number, study_id, state, datetime_start,"
                + " datetime_complete) VALUES (?, ?, " + times.dialect().enumParam("trialstate") + ", ?, ?) RETURNING trial_id")) {
            ps.setLong(1, number);
            ps.setLong(2, studyId);
            ps.setString(3, state.name());
            ps.setObject(4, times.param(start));
            ps.setObject(5, times.param(complete));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void putTrialAttr(Connection c, String table, long trialId, String key, Object value) throws SQLException {
        JdbcConnection.update(c, "INSERT INTO " + table + " (trial_id, \"key\", value_json) VALUES (?, ?, ?)"
                + " ON CONFLICT (trial_id, \"key\") DO UPDATE SET value_json = excluded.value_json",
                trialId, key, JsonValues.write(value));
    }

    static void putParam(Connection c, long trialId, String name, Distribution distribution, double internal)
            throws SQLException {
        JdbcConnection.update(c, "INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (trial_id, param_name) DO UPDATE SET param_value = excluded.param_value",
                trialId, name, internal, DistributionCodec.toJson(distribution));
    }

    /** Stores an intermediate value and, under a system attribute, its per-instance values (removed when null). */
    static void putIntermediate(Connection c, SqlDialect d, long trialId, long step, double value, List<Double> instances)
            throws SQLException {
        JdbcConnection.update(c, "INSERT INTO trial_intermediate_values (trial_id, step, intermediate_value,"
                + " intermediate_value_type) VALUES (?, ?, ?, " + d.enumParam("trialintermediatevaluetype") + ")"
                + " ON CONFLICT (trial_id, step) DO UPDATE SET intermediate_value = excluded.intermediate_value,"
                + " intermediate_value_type = excluded.intermediate_value_type",
                trialId, step, Double.isFinite(value) ? value : null, Double.isNaN(value) ? "NAN" : valueType(value));
        String key = JdbcSchema.INSTANCE_VALUES_PREFIX + step;
        if (instances == null) {
            JdbcConnection.update(c, "DELETE FROM trial_system_attributes WHERE trial_id = ? AND \"key\" = ?", trialId, key);
        } else {
            List<Double> json = new ArrayList<>(instances.size());
            for (Double v : instances) {
                json.add(v != null && Double.isFinite(v) ? v : null);
            }
            putTrialAttr(c, "trial_system_attributes", trialId, key, json);
        }
    }

    /** Stores the trial's value as objective 0 (nothing for null or NaN). */
    static void putValue(Connection c, SqlDialect d, long trialId, Double value) throws SQLException {
        if (value == null || value.isNaN()) {
            return;
        }
        JdbcConnection.update(c, "INSERT INTO trial_values (trial_id, objective, value, value_type) VALUES (?, 0, ?, "
                + d.enumParam("trialvaluetype") + ") ON CONFLICT (trial_id, objective) DO UPDATE SET"
                + " value = excluded.value, value_type = excluded.value_type",
                trialId, Double.isFinite(value) ? value : null, valueType(value));
    }

    private static String valueType(double v) {
        return v == Double.POSITIVE_INFINITY ? "INF_POS" : v == Double.NEGATIVE_INFINITY ? "INF_NEG" : "FINITE";
    }

    static void putHeartbeat(Connection c, DatabaseTimes times, long trialId, Instant at) throws SQLException {
        JdbcConnection.update(c, "INSERT INTO trial_heartbeats (trial_id, heartbeat) VALUES (?, ?)"
                + " ON CONFLICT (trial_id) DO UPDATE SET heartbeat = excluded.heartbeat", trialId, times.heartbeatParam(at));
    }

    /** Finishes a RUNNING trial: value, fail reason, state and completion time; returns the rows changed (0 or 1). */
    static int finish(Connection c, DatabaseTimes times, long trialId, TrialState state, Double value, String failReason,
            Instant now) throws SQLException {
        putValue(c, times.dialect(), trialId, value);
        if (failReason != null) {
            putTrialAttr(c, "trial_system_attributes", trialId, JdbcSchema.FAIL_REASON_KEY, failReason);
        }
        return JdbcConnection.update(c, "UPDATE trials SET state = " + times.dialect().enumParam("trialstate")
                + ", datetime_complete = ? WHERE trial_id = ? AND state = 'RUNNING'", state.name(), times.param(now), trialId);
    }

    /** Writes a whole trial as it is (its number kept), for migrations; {@code heartbeat} may be null. */
    static long writeTrial(Connection c, DatabaseTimes times, long studyId, FrozenTrial t, Instant heartbeat)
            throws SQLException {
        SqlDialect d = times.dialect();
        long id = insertTrial(c, times, studyId, t.number(), t.state(), t.start(), t.complete());
        putValue(c, d, id, t.value());
        for (Map.Entry<String, Distribution> p : t.distributions().entrySet()) {
            putParam(c, id, p.getKey(), p.getValue(), p.getValue().toInternal(t.params().get(p.getKey())));
        }
        for (Map.Entry<Long, Double> v : t.intermediateValues().entrySet()) {
            putIntermediate(c, d, id, v.getKey(), v.getValue(), t.instanceValues().get(v.getKey()));
        }
        for (Map.Entry<String, Object> a : t.userAttrs().entrySet()) {
            putTrialAttr(c, "trial_user_attributes", id, a.getKey(), a.getValue());
        }
        for (Map.Entry<String, Object> a : t.systemAttrs().entrySet()) {
            putTrialAttr(c, "trial_system_attributes", id, a.getKey(), a.getValue());
        }
        if (t.failReason() != null) {
            putTrialAttr(c, "trial_system_attributes", id, JdbcSchema.FAIL_REASON_KEY, t.failReason());
        }
        if (heartbeat != null) {
            putHeartbeat(c, times, id, heartbeat);
        }
        return id;
    }
}
