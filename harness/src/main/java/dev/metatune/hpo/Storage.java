package dev.metatune.hpo;

import dev.metatune.space.Distribution;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where studies and trials live, one contract for every backend (in memory, SQLite, PostgreSQL),
 * shaped after Optuna's {@code BaseStorage}. Guarantees that the contract tests check for each one:
 * <ul>
 *   <li>{@link #claimOrCreateTrial} is atomic: two workers never get the same trial; trial numbers
 *       are unique and consecutive per study; a trial number limit is never exceeded;</li>
 *   <li>a finished trial (COMPLETE, PRUNED, FAIL) cannot change: every write to it throws
 *       {@link IllegalStateException};</li>
 *   <li>a RUNNING trial whose heartbeat is older than a grace period can be failed by
 *       {@link #failStaleTrials}, exactly once, whoever calls it.</li>
 * </ul>
 * Implementations are safe for use by several threads.
 */
public interface Storage extends AutoCloseable {

    /** Creates a study; an {@link IllegalArgumentException} when the name is taken. */
    StudyInfo createStudy(String name, StudyDirection direction);

    /** Creates the study unless one of that name exists, and returns it; the direction must agree. */
    StudyInfo createStudyIfAbsent(String name, StudyDirection direction);

    Optional<StudyInfo> findStudy(String name);

    List<StudyInfo> studies();

    void setStudyUserAttr(long studyId, String key, Object value);

    Map<String, Object> studyUserAttrs(long studyId);

    /** Adds a WAITING trial that the next {@link #claimOrCreateTrial} of any worker takes. */
    FrozenTrial enqueueTrial(long studyId, Map<String, Object> systemAttrs);

    /**
     * Atomically takes the oldest WAITING trial of the study, or creates a new one with the next
     * number, and returns it RUNNING. {@code heartbeat} (may be null) is stored as its first heartbeat.
     */
    default FrozenTrial claimOrCreateTrial(long studyId, Instant now, Instant heartbeat) {
        return claimOrCreateTrial(studyId, now, heartbeat, Integer.MAX_VALUE).orElseThrow();
    }

    /**
     * As {@link #claimOrCreateTrial(long, Instant, Instant)}, but creates a new trial only when its
     * number would be below {@code numberLimit}; empty when there is no WAITING trial and the next
     * number is not below the limit. The check and the creation are one atomic step.
     */
    Optional<FrozenTrial> claimOrCreateTrial(long studyId, Instant now, Instant heartbeat, int numberLimit);

    void setTrialParam(long trialId, String name, Distribution distribution, double internalValue);

    /** Stores a reported value at {@code step}, with optional per-instance values (null for none). */
    void setTrialIntermediateValue(long trialId, long step, double value, double[] instanceValues);

    void setTrialUserAttr(long trialId, String key, Object value);

    void setTrialSystemAttr(long trialId, String key, Object value);

    /** Moves a RUNNING trial to a finished state; {@link IllegalStateException} if it is not RUNNING. */
    FrozenTrial finishTrial(long trialId, TrialState state, Double value, String failReason, Instant now);

    void recordHeartbeat(long trialId, Instant at);

    /** Marks FAIL every RUNNING trial of the study whose heartbeat is older than {@code now - grace}; returns them. */
    List<FrozenTrial> failStaleTrials(long studyId, Duration grace, Instant now);

    FrozenTrial trial(long trialId);

    /** All trials of a study, by number. */
    List<FrozenTrial> trials(long studyId);

    @Override
    void close();
}
