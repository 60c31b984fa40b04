package dev.metatune.hpo.storage;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Storage;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.StudyInfo;
import dev.metatune.hpo.TrialState;
import dev.metatune.space.Distribution;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A storage in an SQL database over JDBC, in Optuna's RDB schema ({@link JdbcSchema}), so that
 * Optuna ({@code optuna.load_study}, its workers, plots and dashboard) and Metatune share studies:
 * an SQLite file (the embedded default; several processes on one machine, WAL journal, busy
 * timeout, every transaction {@code BEGIN IMMEDIATE}) or PostgreSQL (several machines; the study's
 * row lock numbers trials, as Optuna's own does, and {@code FOR UPDATE SKIP LOCKED} claims WAITING
 * trials). A database of an unknown schema revision is refused with a {@link SchemaVersionException};
 * one of Metatune's earlier schema is migrated on first open ({@link SchemaMigration}). One
 * connection per storage object, used under the object's lock; transactions that lose a race are
 * retried.
 */
public final class JdbcStorage implements Storage {

    private final JdbcConnection db;
    private final SqlDialect dialect;
    private final DatabaseTimes times;
    private final Optional<String> migrationBackup;

    /** Opens (and creates, where missing) the database at a JDBC URL: {@code jdbc:sqlite:...} or {@code jdbc:postgresql:...}. */
    public JdbcStorage(String jdbcUrl) {
        this.db = new JdbcConnection(jdbcUrl);
        this.dialect = db.dialect();
        this.times = db.times();
        try {
            this.migrationBackup = SchemaMigration.open(db, jdbcUrl);
        } catch (RuntimeException e) {
            try {
                db.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The Optuna schema revision of this database ({@link JdbcSchema#CREATED_REVISION} when this build created it). */
    public String schemaRevision() {
        return read(c -> JdbcSchema.revision(c, dialect).orElseThrow());
    }

    /** The newest version of Metatune's conventions among the database's studies ({@link JdbcSchema#VERSION} for none). */
    public int schemaVersion() {
        return read(c -> JdbcSchema.stampedVersion(c).orElse(JdbcSchema.VERSION));
    }

    /** Where the copy of the old schema is, when this open migrated Metatune's earlier schema. */
    public Optional<String> migrationBackup() {
        return migrationBackup;
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
            return new StudyInfo(OptunaRows.insertStudy(c, dialect, name, direction), name, direction);
        });
    }

    @Override
    public StudyInfo createStudyIfAbsent(String name, StudyDirection direction) {
        return transaction(c -> {
            Optional<StudyInfo> existing = find(c, name);
            return existing.isPresent() ? StorageChecks.sameDirection(existing.get(), direction)
                    : new StudyInfo(OptunaRows.insertStudy(c, dialect, name, direction), name, direction);
        });
    }

    private static final String STUDY_SELECT = "SELECT s.study_id, s.study_name, d.direction FROM studies s"
            + " LEFT JOIN study_directions d ON d.study_id = s.study_id AND d.objective = 0";

    @Override
    public Optional<StudyInfo> findStudy(String name) {
        return read(c -> find(c, name));
    }

    private Optional<StudyInfo> find(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(STUDY_SELECT + " WHERE s.study_name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(study(rs)) : Optional.empty();
            }
        }
    }

    /** A study row; Optuna's NOT_SET (or a missing direction) reads as MINIMIZE, Optuna's default. */
    private static StudyInfo study(ResultSet rs) throws SQLException {
        String direction = rs.getString(3);
        return new StudyInfo(rs.getLong(1), rs.getString(2),
                "MAXIMIZE".equals(direction) ? StudyDirection.MAXIMIZE : StudyDirection.MINIMIZE);
    }

    @Override
    public List<StudyInfo> studies() {
        return read(c -> {
            List<StudyInfo> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(STUDY_SELECT + " ORDER BY s.study_id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(study(rs));
                }
            }
            return out;
        });
    }

    @Override
    public void setStudyUserAttr(long studyId, String key, Object value) {
        transaction(c -> {
            OptunaRows.putStudyAttr(c, "study_user_attributes", studyId, key, value);
            return null;
        });
    }

    @Override
    public Map<String, Object> studyUserAttrs(long studyId) {
        return read(c -> {
            Map<String, Object> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT \"key\", value_json FROM study_user_attributes"
                    + " WHERE study_id = ? ORDER BY study_user_attribute_id")) {
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
            lockStudy(c, studyId);
            long trialId = OptunaRows.insertTrial(c, times, studyId, TrialState.WAITING, null);
            for (Map.Entry<String, Object> e : systemAttrs.entrySet()) {
                OptunaRows.putTrialAttr(c, "trial_system_attributes", trialId, e.getKey(), e.getValue());
            }
            return one(c, trialId);
        });
    }

    @Override
    public Optional<FrozenTrial> claimOrCreateTrial(long studyId, Instant now, Instant heartbeat, int numberLimit) {
        return transaction(c -> {
            Long trialId = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT trial_id FROM trials WHERE study_id = ? AND state = 'WAITING'"
                    + " ORDER BY number, trial_id LIMIT 1" + dialect.forUpdateSkipLocked)) {
                ps.setLong(1, studyId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        trialId = rs.getLong(1);
                    }
                }
            }
            if (trialId != null && JdbcConnection.update(c, "UPDATE trials SET state = 'RUNNING', datetime_start = ?"
                    + " WHERE trial_id = ? AND state = 'WAITING'", times.param(now), trialId) != 1) {
                trialId = null;
            }
            if (trialId == null) {
                lockStudy(c, studyId);
                if (count(c, studyId) >= numberLimit) {
                    return Optional.<FrozenTrial>empty();
                }
                trialId = OptunaRows.insertTrial(c, times, studyId, TrialState.RUNNING, now);
            }
            if (heartbeat != null) {
                OptunaRows.putHeartbeat(c, times, trialId, heartbeat);
            }
            return Optional.of(one(c, trialId));
        });
    }

    /** Locks the study's row (PostgreSQL, as Optuna does; SQLite holds the write lock already) so that trial numbering is serialised. */
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

    /** The number the study's next trial gets: the count of its trials, as Optuna numbers them. */
    private static long count(Connection c, long studyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM trials WHERE study_id = ?")) {
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
            OptunaRows.putParam(c, trialId, name, distribution, internalValue);
            return null;
        });
    }

    @Override
    public void setTrialIntermediateValue(long trialId, long step, double value, double[] instanceValues) {
        transaction(c -> {
            requireRunning(c, trialId);
            List<Double> inst = null;
            if (instanceValues != null) {
                inst = new ArrayList<>(instanceValues.length);
                for (double v : instanceValues) {
                    inst.add(v);
                }
            }
            OptunaRows.putIntermediate(c, dialect, trialId, step, value, inst);
            return null;
        });
    }

    @Override
    public void setTrialUserAttr(long trialId, String key, Object value) {
        transaction(c -> {
            requireRunning(c, trialId);
            OptunaRows.putTrialAttr(c, "trial_user_attributes", trialId, key, value);
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
            OptunaRows.putTrialAttr(c, "trial_system_attributes", trialId, key, value);
            return null;
        });
    }

    @Override
    public FrozenTrial finishTrial(long trialId, TrialState state, Double value, String failReason, Instant now) {
        StorageChecks.finishing(state, value);
        return transaction(c -> {
            requireRunning(c, trialId);
            OptunaRows.finish(c, times, trialId, state, value, failReason, now);
            return one(c, trialId);
        });
    }

    @Override
    public void recordHeartbeat(long trialId, Instant at) {
        transaction(c -> {
            JdbcConnection.update(c, "INSERT INTO trial_heartbeats (trial_id, heartbeat) SELECT trial_id, ? FROM trials"
                    + " WHERE trial_id = ? AND state = 'RUNNING'"
                    + " ON CONFLICT (trial_id) DO UPDATE SET heartbeat = excluded.heartbeat", times.heartbeatParam(at), trialId);
            return null;
        });
    }

    @Override
    public List<FrozenTrial> failStaleTrials(long studyId, Duration grace, Instant now) {
        return transaction(c -> {
            Map<Long, Instant> stale = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT t.trial_id, h.heartbeat FROM trials t"
                    + " JOIN trial_heartbeats h ON h.trial_id = t.trial_id"
                    + " WHERE t.study_id = ? AND t.state = 'RUNNING' AND h.heartbeat < ? ORDER BY t.number"
                    + (dialect == SqlDialect.POSTGRESQL ? " FOR UPDATE OF t SKIP LOCKED" : ""))) {
                ps.setLong(1, studyId);
                ps.setObject(2, times.heartbeatParam(now.minus(grace)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stale.put(rs.getLong(1), times.readHeartbeat(rs, 2));
                    }
                }
            }
            List<FrozenTrial> failed = new ArrayList<>();
            for (Map.Entry<Long, Instant> e : stale.entrySet()) {
                if (OptunaRows.finish(c, times, e.getKey(), TrialState.FAIL, null,
                        StorageChecks.staleReason(e.getValue(), grace), now) == 1) {
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
        return read(c -> JdbcTrialReader.read(c, times, "t.study_id = ?", studyId));
    }

    private FrozenTrial one(Connection c, long trialId) throws SQLException {
        List<FrozenTrial> found = JdbcTrialReader.read(c, times, "t.trial_id = ?", trialId);
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
