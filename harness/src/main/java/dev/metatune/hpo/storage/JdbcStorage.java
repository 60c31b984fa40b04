package dev.metatune.hpo.storage;

import dev.metatune.hpo.StudyInfo;

import dev.metatune.hpo.Storage;

import dev.metatune.space.Distribution;
import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.TrialState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A storage in an SQL database over JDBC: an SQLite file (the embedded default; several processes
 * on one machine, WAL journal, busy timeout, every transaction {@code BEGIN IMMEDIATE}) or
 * PostgreSQL (several machines; row locks, {@code FOR UPDATE SKIP LOCKED} when claiming WAITING
 * trials). Both use the schema of {@link JdbcSchema}, whose version is recorded in the database:
 * a database written by a newer schema is refused with a {@link SchemaVersionException}. One connection per storage object, used
 * under the object's lock; transactions that lose a race are retried.
 */
public final class JdbcStorage implements Storage {

    private final JdbcConnection db;
    private final SqlDialect dialect;

    /** Opens (and creates, where missing) the database at a JDBC URL: {@code jdbc:sqlite:...} or {@code jdbc:postgresql:...}. */
    public JdbcStorage(String jdbcUrl) {
        this.db = new JdbcConnection(jdbcUrl);
        this.dialect = db.dialect();
        try {
            transaction(c -> {
                JdbcSchema.create(c, dialect, db.redacted());
                return null;
            });
        } catch (RuntimeException e) {
            try {
                db.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The schema version recorded in this database ({@link JdbcSchema#VERSION} once opened by this build). */
    public int schemaVersion() {
        return read(c -> JdbcSchema.version(c).orElseThrow());
    }

    private <T> T transaction(JdbcConnection.Work<T> work) {
        return db.transaction(work);
    }

    private <T> T read(JdbcConnection.Work<T> work) {
        return db.read(work);
    }

    @Override
    public StudyInfo createStudy(String name, StudyDirection direction) {
        return transaction(c -> {
            if (find(c, name).isPresent()) {
                throw new IllegalArgumentException("a study named '" + name + "' already exists");
            }
            return insertStudy(c, name, direction);
        });
    }

    @Override
    public StudyInfo createStudyIfAbsent(String name, StudyDirection direction) {
        return transaction(c -> {
            Optional<StudyInfo> existing = find(c, name);
            return existing.isPresent() ? StorageChecks.sameDirection(existing.get(), direction)
                    : insertStudy(c, name, direction);
        });
    }

    private StudyInfo insertStudy(Connection c, String name, StudyDirection direction) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO studies (name, direction, created_at) VALUES (?, ?, ?) RETURNING study_id")) {
            ps.setString(1, name);
            ps.setString(2, direction.name());
            ps.setLong(3, System.currentTimeMillis());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new StudyInfo(rs.getLong(1), name, direction);
            }
        }
    }

    @Override
    public Optional<StudyInfo> findStudy(String name) {
        return read(c -> find(c, name));
    }

    private Optional<StudyInfo> find(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT study_id, direction FROM studies WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StudyInfo(rs.getLong(1), name, StudyDirection.valueOf(rs.getString(2))))
                        : Optional.empty();
            }
        }
    }

    @Override
    public List<StudyInfo> studies() {
        return read(c -> {
            List<StudyInfo> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT study_id, name, direction FROM studies ORDER BY study_id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StudyInfo(rs.getLong(1), rs.getString(2), StudyDirection.valueOf(rs.getString(3))));
                }
            }
            return out;
        });
    }

    @Override
    public void setStudyUserAttr(long studyId, String key, Object value) {
        transaction(c -> {
            JdbcConnection.update(c, "INSERT INTO study_user_attrs (study_id, attr_key, value_json) VALUES (?, ?, ?)"
                    + " ON CONFLICT (study_id, attr_key) DO UPDATE SET value_json = excluded.value_json",
                    studyId, key, JsonValues.write(value));
            return null;
        });
    }

    @Override
    public Map<String, Object> studyUserAttrs(long studyId) {
        return read(c -> {
            Map<String, Object> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT attr_key, value_json FROM study_user_attrs WHERE study_id = ?")) {
                ps.setLong(1, studyId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), JsonValues.read(rs.getString(2)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public FrozenTrial enqueueTrial(long studyId, Map<String, Object> systemAttrs) {
        return transaction(c -> {
            long trialId = insertTrial(c, studyId, TrialState.WAITING, null);
            for (Map.Entry<String, Object> e : systemAttrs.entrySet()) {
                putAttr(c, "trial_system_attrs", trialId, e.getKey(), e.getValue());
            }
            return one(c, trialId);
        });
    }

    @Override
    public Optional<FrozenTrial> claimOrCreateTrial(long studyId, Instant now, Instant heartbeat, int numberLimit) {
        return transaction(c -> {
            Long trialId = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT trial_id FROM trials WHERE study_id = ? AND state = 'WAITING'"
                    + " ORDER BY number LIMIT 1" + dialect.forUpdateSkipLocked)) {
                ps.setLong(1, studyId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        trialId = rs.getLong(1);
                    }
                }
            }
            if (trialId != null) {
                JdbcConnection.update(c, "UPDATE trials SET state = 'RUNNING', datetime_start = ? WHERE trial_id = ? AND state = 'WAITING'",
                        now.toEpochMilli(), trialId);
            } else {
                lockStudy(c, studyId);
                if (nextNumber(c, studyId) >= numberLimit) {
                    return Optional.<FrozenTrial>empty();
                }
                trialId = insertTrial(c, studyId, TrialState.RUNNING, now);
            }
            if (heartbeat != null) {
                JdbcConnection.update(c, "INSERT INTO trial_heartbeats (trial_id, heartbeat) VALUES (?, ?)"
                        + " ON CONFLICT (trial_id) DO UPDATE SET heartbeat = excluded.heartbeat", trialId, heartbeat.toEpochMilli());
            }
            return Optional.of(one(c, trialId));
        });
    }

    /** Inserts a trial with the study's next number; the study row lock (PostgreSQL) or the write lock (SQLite) serialises numbering. */
    private long insertTrial(Connection c, long studyId, TrialState state, Instant start) throws SQLException {
        lockStudy(c, studyId);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trials (study_id, number, state, datetime_start)"
                + " SELECT ?, COALESCE(MAX(number) + 1, 0), ?, ? FROM trials WHERE study_id = ? RETURNING trial_id")) {
            ps.setLong(1, studyId);
            ps.setString(2, state.name());
            if (start == null) {
                ps.setNull(3, Types.BIGINT);
            } else {
                ps.setLong(3, start.toEpochMilli());
            }
            ps.setLong(4, studyId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Locks the study's row (PostgreSQL; SQLite holds the write lock already) so that trial numbering is serialised. */
    private void lockStudy(Connection c, long studyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT study_id FROM studies WHERE study_id = ?" + dialect.forUpdate)) {
            ps.setLong(1, studyId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no study with id " + studyId);
                }
            }
        }
    }

    private static long nextNumber(Connection c, long studyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(number) + 1, 0) FROM trials WHERE study_id = ?")) {
            ps.setLong(1, studyId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void setTrialParam(long trialId, String name, Distribution distribution, double internalValue) {
        transaction(c -> {
            requireRunning(c, trialId);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT distribution_json FROM trial_params WHERE trial_id = ? AND param_name = ?")) {
                ps.setLong(1, trialId);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        StorageChecks.compatible(name, DistributionCodec.fromJson(rs.getString(1)), distribution);
                    }
                }
            }
            JdbcConnection.update(c, "INSERT INTO trial_params (trial_id, param_name, distribution_json, internal_value) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (trial_id, param_name) DO UPDATE SET internal_value = excluded.internal_value",
                    trialId, name, DistributionCodec.toJson(distribution), internalValue);
            return null;
        });
    }

    @Override
    public void setTrialIntermediateValue(long trialId, long step, double value, double[] instanceValues) {
        transaction(c -> {
            requireRunning(c, trialId);
            String inst = null;
            if (instanceValues != null) {
                List<Double> list = new ArrayList<>(instanceValues.length);
                for (double v : instanceValues) {
                    list.add(Double.isFinite(v) ? v : null);
                }
                inst = JsonValues.write(list);
            }
            JdbcConnection.update(c, "INSERT INTO trial_intermediate_values (trial_id, step, value, instance_values_json) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (trial_id, step) DO UPDATE SET value = excluded.value,"
                    + " instance_values_json = excluded.instance_values_json",
                    trialId, step, Double.isNaN(value) ? null : value, inst);
            return null;
        });
    }

    @Override
    public void setTrialUserAttr(long trialId, String key, Object value) {
        transaction(c -> {
            requireRunning(c, trialId);
            putAttr(c, "trial_user_attrs", trialId, key, value);
            return null;
        });
    }

    @Override
    public void setTrialSystemAttr(long trialId, String key, Object value) {
        transaction(c -> {
            TrialRow row = stateOf(c, trialId);
            if (row.state().isFinished()) {
                throw StorageChecks.finished(row.number(), row.state());
            }
            putAttr(c, "trial_system_attrs", trialId, key, value);
            return null;
        });
    }

    private void putAttr(Connection c, String table, long trialId, String key, Object value) throws SQLException {
        JdbcConnection.update(c, "INSERT INTO " + table + " (trial_id, attr_key, value_json) VALUES (?, ?, ?)"
                + " ON CONFLICT (trial_id, attr_key) DO UPDATE SET value_json = excluded.value_json",
                trialId, key, JsonValues.write(value));
    }

    @Override
    public FrozenTrial finishTrial(long trialId, TrialState state, Double value, String failReason, Instant now) {
        StorageChecks.finishing(state, value);
        return transaction(c -> {
            requireRunning(c, trialId);
            JdbcConnection.update(c, "UPDATE trials SET state = ?, value = ?, fail_reason = ?, datetime_complete = ?"
                    + " WHERE trial_id = ? AND state = 'RUNNING'", state.name(),
                    value == null || value.isNaN() ? null : value, failReason, now.toEpochMilli(), trialId);
            return one(c, trialId);
        });
    }

    @Override
    public void recordHeartbeat(long trialId, Instant at) {
        transaction(c -> {
            JdbcConnection.update(c, "INSERT INTO trial_heartbeats (trial_id, heartbeat) SELECT trial_id, ? FROM trials"
                    + " WHERE trial_id = ? AND state = 'RUNNING'"
                    + " ON CONFLICT (trial_id) DO UPDATE SET heartbeat = excluded.heartbeat", at.toEpochMilli(), trialId);
            return null;
        });
    }

    @Override
    public List<FrozenTrial> failStaleTrials(long studyId, Duration grace, Instant now) {
        return transaction(c -> {
            long cutoff = now.minus(grace).toEpochMilli();
            Map<Long, Long> stale = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT t.trial_id, h.heartbeat FROM trials t"
                    + " JOIN trial_heartbeats h ON h.trial_id = t.trial_id"
                    + " WHERE t.study_id = ? AND t.state = 'RUNNING' AND h.heartbeat < ? ORDER BY t.number"
                    + (dialect == SqlDialect.POSTGRESQL ? " FOR UPDATE OF t SKIP LOCKED" : ""))) {
                ps.setLong(1, studyId);
                ps.setLong(2, cutoff);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stale.put(rs.getLong(1), rs.getLong(2));
                    }
                }
            }
            List<FrozenTrial> failed = new ArrayList<>();
            for (Map.Entry<Long, Long> e : stale.entrySet()) {
                int n = JdbcConnection.update(c, "UPDATE trials SET state = 'FAIL', fail_reason = ?, datetime_complete = ?"
                        + " WHERE trial_id = ? AND state = 'RUNNING'",
                        StorageChecks.staleReason(Instant.ofEpochMilli(e.getValue()), grace), now.toEpochMilli(), e.getKey());
                if (n == 1) {
                    failed.add(one(c, e.getKey()));
                }
            }
            return failed;
        });
    }

    @Override
    public FrozenTrial trial(long trialId) {
        return read(c -> one(c, trialId));
    }

    @Override
    public List<FrozenTrial> trials(long studyId) {
        return read(c -> JdbcTrialReader.read(c, "t.study_id = ?", studyId));
    }

    private FrozenTrial one(Connection c, long trialId) throws SQLException {
        List<FrozenTrial> found = JdbcTrialReader.read(c, "t.trial_id = ?", trialId);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no trial with id " + trialId);
        }
        return found.get(0);
    }

    /** A trial's state and number, its row locked (PostgreSQL) until the transaction ends. */
    private record TrialRow(TrialState state, int number) {
    }

    private TrialRow stateOf(Connection c, long trialId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state, number FROM trials WHERE trial_id = ?" + dialect.forUpdate)) {
            ps.setLong(1, trialId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no trial with id " + trialId);
                }
                return new TrialRow(TrialState.valueOf(rs.getString(1)), rs.getInt(2));
            }
        }
    }

    private void requireRunning(Connection c, long trialId) throws SQLException {
        TrialRow row = stateOf(c, trialId);
        if (row.state() != TrialState.RUNNING) {
            throw StorageChecks.finished(row.number(), row.state());
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
