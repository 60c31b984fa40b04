package dev.metatune.hpo;

import dev.metatune.hpo.storage.StorageException;
import dev.metatune.space.Distribution;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A storage whose heartbeat writes start failing when told to (a disk that filled up); everything else works. */
final class FlakyHeartbeatStorage implements Storage {

    private final Storage inner;
    volatile boolean failHeartbeats;

    FlakyHeartbeatStorage(Storage inner) {
        this.inner = inner;
    }

    @Override
    public void recordHeartbeat(long trialId, Instant at) {
        if (failHeartbeats) {
            throw new StorageException("disk full", null);
        }
        inner.recordHeartbeat(trialId, at);
    }

    @Override
    public StudyInfo createStudy(String name, StudyDirection direction) {
        return inner.createStudy(name, direction);
    }

    @Override
    public StudyInfo createStudyIfAbsent(String name, StudyDirection direction) {
        return inner.createStudyIfAbsent(name, direction);
    }

    @Override
    public Optional<StudyInfo> findStudy(String name) {
        return inner.findStudy(name);
    }

    @Override
    public List<StudyInfo> studies() {
        return inner.studies();
    }

    @Override
    public void setStudyUserAttr(long studyId, String key, Object value) {
        inner.setStudyUserAttr(studyId, key, value);
    }

    @Override
    public Map<String, Object> studyUserAttrs(long studyId) {
        return inner.studyUserAttrs(studyId);
    }

    @Override
    public FrozenTrial enqueueTrial(long studyId, Map<String, Object> systemAttrs) {
        return inner.enqueueTrial(studyId, systemAttrs);
    }

    @Override
    public Optional<FrozenTrial> claimOrCreateTrial(long studyId, Instant now, Instant heartbeat, int numberLimit) {
        return inner.claimOrCreateTrial(studyId, now, heartbeat, numberLimit);
    }

    @Override
    public void setTrialParam(long trialId, String name, Distribution distribution, double internalValue) {
        inner.setTrialParam(trialId, name, distribution, internalValue);
    }

    @Override
    public void setTrialIntermediateValue(long trialId, long step, double value, double[] instanceValues) {
        inner.setTrialIntermediateValue(trialId, step, value, instanceValues);
    }

    @Override
    public void setTrialUserAttr(long trialId, String key, Object value) {
        inner.setTrialUserAttr(trialId, key, value);
    }

    @Override
    public void setTrialSystemAttr(long trialId, String key, Object value) {
        inner.setTrialSystemAttr(trialId, key, value);
    }

    @Override
    public FrozenTrial finishTrial(long trialId, TrialState state, Double value, String failReason, Instant now) {
        return inner.finishTrial(trialId, state, value, failReason, now);
    }

    @Override
    public List<FrozenTrial> failStaleTrials(long studyId, Duration grace, Instant now) {
        return inner.failStaleTrials(studyId, grace, now);
    }

    @Override
    public FrozenTrial trial(long trialId) {
        return inner.trial(trialId);
    }

    @Override
    public List<FrozenTrial> trials(long studyId) {
        return inner.trials(studyId);
    }

    @Override
    public void close() {
        inner.close();
    }
}
