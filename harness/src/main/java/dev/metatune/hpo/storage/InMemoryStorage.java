package dev.metatune.hpo.storage;

import dev.metatune.hpo.StudyInfo;

import dev.metatune.hpo.Storage;

import dev.metatune.space.Distribution;
import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.TrialState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A storage in this process's memory: fast, for one process; nothing survives it. Every method
 * holds the storage's lock, so concurrent callers see the same guarantees as with a database.
 */
public final class InMemoryStorage implements Storage {

    private final Map<Long, StudyInfo> studies = new LinkedHashMap<>();
    private final Map<Long, Map<String, Object>> studyAttrs = new HashMap<>();
    private final Map<Long, List<MutableTrial>> trialsByStudy = new HashMap<>();
    private final Map<Long, MutableTrial> trials = new HashMap<>();
    private long nextStudyId = 1;
    private long nextTrialId = 1;

    private static final class MutableTrial {
        final long trialId;
        final long studyId;
        final int number;
        TrialState state = TrialState.WAITING;
        Double value;
        final Map<String, Object> params = new LinkedHashMap<>();
        final Map<String, Distribution> distributions = new LinkedHashMap<>();
        final TreeMap<Long, Double> intermediate = new TreeMap<>();
        final Map<Long, List<Double>> instances = new TreeMap<>();
        final Map<String, Object> userAttrs = new LinkedHashMap<>();
        final Map<String, Object> systemAttrs = new LinkedHashMap<>();
        String failReason;
        Instant start;
        Instant complete;
        Instant heartbeat;

        MutableTrial(long trialId, long studyId, int number) {
            this.trialId = trialId;
            this.studyId = studyId;
            this.number = number;
        }

        FrozenTrial freeze() {
            return new FrozenTrial(trialId, number, state, value, params, distributions, intermediate, instances,
                    userAttrs, systemAttrs, failReason, start, complete);
        }
    }

    @Override
    public synchronized StudyInfo createStudy(String name, StudyDirection direction) {
        if (findStudy(name).isPresent()) {
            throw new IllegalArgumentException("a study named '" + name + "' already exists");
        }
        StudyInfo info = new StudyInfo(nextStudyId++, name, direction);
        studies.put(info.studyId(), info);
        studyAttrs.put(info.studyId(), new LinkedHashMap<>());
        trialsByStudy.put(info.studyId(), new ArrayList<>());
        return info;
    }

    @Override
    public synchronized StudyInfo createStudyIfAbsent(String name, StudyDirection direction) {
        Optional<StudyInfo> existing = findStudy(name);
        if (existing.isPresent()) {
            return StorageChecks.sameDirection(existing.get(), direction);
        }
        return createStudy(name, direction);
    }

    @Override
    public synchronized Optional<StudyInfo> findStudy(String name) {
        return studies.values().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    @Override
    public synchronized List<StudyInfo> studies() {
        return List.copyOf(studies.values());
    }

    @Override
    public synchronized void setStudyUserAttr(long studyId, String key, Object value) {
        study(studyId);
        studyAttrs.get(studyId).put(key, JsonValues.normalize(value));
    }

    @Override
    public synchronized Map<String, Object> studyUserAttrs(long studyId) {
        study(studyId);
        return Map.copyOf(studyAttrs.get(studyId));
    }

    @Override
    public synchronized FrozenTrial enqueueTrial(long studyId, Map<String, Object> systemAttrs) {
        MutableTrial t = newTrial(studyId);
        systemAttrs.forEach((k, v) -> t.systemAttrs.put(k, JsonValues.normalize(v)));
        return t.freeze();
    }

    @Override
    public synchronized Optional<FrozenTrial> claimOrCreateTrial(long studyId, Instant now, Instant heartbeat,
                                                                 int numberLimit) {
        study(studyId);
        List<MutableTrial> all = trialsByStudy.get(studyId);
        MutableTrial t = all.stream().filter(x -> x.state == TrialState.WAITING).findFirst().orElse(null);
        if (t == null) {
            if (all.size() >= numberLimit) {
                return Optional.empty();
            }
            t = newTrial(studyId);
        }
        t.state = TrialState.RUNNING;
        t.start = now;
        t.heartbeat = heartbeat;
        return Optional.of(t.freeze());
    }

    private MutableTrial newTrial(long studyId) {
        List<MutableTrial> list = trialsByStudy.get(studyId);
        if (list == null) {
            throw new IllegalArgumentException("no study with id " + studyId);
        }
        MutableTrial t = new MutableTrial(nextTrialId++, studyId, list.size());
        list.add(t);
        trials.put(t.trialId, t);
        return t;
    }

    @Override
    public synchronized void setTrialParam(long trialId, String name, Distribution distribution, double internalValue) {
        MutableTrial t = running(trialId);
        StorageChecks.compatible(name, t.distributions.get(name), distribution);
        t.params.put(name, distribution.toExternal(internalValue));
        t.distributions.put(name, distribution);
    }

    @Override
    public synchronized void setTrialIntermediateValue(long trialId, long step, double value, double[] instanceValues) {
        MutableTrial t = running(trialId);
        t.intermediate.put(step, value);
        if (instanceValues != null) {
            List<Double> list = new ArrayList<>(instanceValues.length);
            for (double v : instanceValues) {
                list.add(v);
            }
            t.instances.put(step, list);
        }
    }

    @Override
    public synchronized void setTrialUserAttr(long trialId, String key, Object value) {
        running(trialId).userAttrs.put(key, JsonValues.normalize(value));
    }

    @Override
    public synchronized void setTrialSystemAttr(long trialId, String key, Object value) {
        MutableTrial t = existing(trialId);
        if (t.state.isFinished()) {
            throw StorageChecks.finished(t.number, t.state);
        }
        t.systemAttrs.put(key, JsonValues.normalize(value));
    }

    @Override
    public synchronized FrozenTrial finishTrial(long trialId, TrialState state, Double value, String failReason,
            Instant now) {
        StorageChecks.finishing(state, value);
        MutableTrial t = running(trialId);
        t.state = state;
        t.value = value;
        t.failReason = failReason;
        t.complete = now;
        return t.freeze();
    }

    @Override
    public synchronized void recordHeartbeat(long trialId, Instant at) {
        MutableTrial t = existing(trialId);
        if (t.state == TrialState.RUNNING) {
            t.heartbeat = at;
        }
    }

    @Override
    public synchronized List<FrozenTrial> failStaleTrials(long studyId, Duration grace, Instant now) {
        study(studyId);
        Instant cutoff = now.minus(grace);
        List<FrozenTrial> failed = new ArrayList<>();
        for (MutableTrial t : trialsByStudy.get(studyId)) {
            if (t.state == TrialState.RUNNING && t.heartbeat != null && t.heartbeat.isBefore(cutoff)) {
                t.state = TrialState.FAIL;
                t.failReason = StorageChecks.staleReason(t.heartbeat, grace);
                t.complete = now;
                failed.add(t.freeze());
            }
        }
        return failed;
    }

    @Override
    public synchronized FrozenTrial trial(long trialId) {
        return existing(trialId).freeze();
    }

    @Override
    public synchronized List<FrozenTrial> trials(long studyId) {
        study(studyId);
        return trialsByStudy.get(studyId).stream().map(MutableTrial::freeze).toList();
    }

    @Override
    public void close() {
    }

    private StudyInfo study(long studyId) {
        StudyInfo s = studies.get(studyId);
        if (s == null) {
            throw new IllegalArgumentException("no study with id " + studyId);
        }
        return s;
    }

    private MutableTrial existing(long trialId) {
        MutableTrial t = trials.get(trialId);
        if (t == null) {
            throw new IllegalArgumentException("no trial with id " + trialId);
        }
        return t;
    }

    private MutableTrial running(long trialId) {
        MutableTrial t = existing(trialId);
        if (t.state != TrialState.RUNNING) {
            throw StorageChecks.finished(t.number, t.state);
        }
        return t;
    }
}
