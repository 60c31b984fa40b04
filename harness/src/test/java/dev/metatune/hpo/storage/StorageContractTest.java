package dev.metatune.hpo.storage;

import dev.metatune.hpo.StudyInfo;

import dev.metatune.hpo.Storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.TrialState;
import dev.metatune.space.Distribution;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The storage contract, run over every storage in {@link TestStorages}. */
class StorageContractTest {

    @TempDir
    Path dir;

    static List<String> storages() {
        return TestStorages.names();
    }

    private static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_000L);

    @ParameterizedTest
    @MethodSource("storages")
    void studiesAreCreatedOnceAndFoundByName(String kind) {
        try (Storage s = TestStorages.open(kind, dir)) {
            StudyInfo a = s.createStudy("a", StudyDirection.MAXIMIZE);
            assertEquals(a, s.findStudy("a").orElseThrow());
            assertTrue(s.findStudy("b").isEmpty());
            IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                    () -> s.createStudy("a", StudyDirection.MAXIMIZE));
            assertTrue(dup.getMessage().contains("'a'"), dup.getMessage());
            assertEquals(a, s.createStudyIfAbsent("a", StudyDirection.MAXIMIZE));
            assertThrows(IllegalArgumentException.class, () -> s.createStudyIfAbsent("a", StudyDirection.MINIMIZE));
            s.setStudyUserAttr(a.studyId(), "paper", "Finn et al. 2017");
            s.setStudyUserAttr(a.studyId(), "shots", 5);
            assertEquals(Map.of("paper", "Finn et al. 2017", "shots", 5), s.studyUserAttrs(a.studyId()));
            assertEquals(List.of("a"), s.studies().stream().map(StudyInfo::name).toList());
        }
    }

    @ParameterizedTest
    @MethodSource("storages")
    void trialsGetConsecutiveNumbersAndEnqueuedTrialsComeFirst(String kind) {
        try (Storage s = TestStorages.open(kind, dir)) {
            long study = s.createStudy("numbers", StudyDirection.MINIMIZE).studyId();
            long other = s.createStudy("other", StudyDirection.MINIMIZE).studyId();
            FrozenTrial t0 = s.claimOrCreateTrial(study, T0, null);
            FrozenTrial o0 = s.claimOrCreateTrial(other, T0, null);
            FrozenTrial queued = s.enqueueTrial(study, Map.of("fixed_params", Map.of("lr", 0.4)));
            assertEquals(TrialState.WAITING, queued.state());
            FrozenTrial t1 = s.claimOrCreateTrial(study, T0, null);
            FrozenTrial t2 = s.claimOrCreateTrial(study, T0, null);
            assertEquals(0, t0.number());
            assertEquals(0, o0.number());
            assertEquals(queued.trialId(), t1.trialId(), "the enqueued trial is claimed first");
            assertEquals(1, t1.number());
            assertEquals(TrialState.RUNNING, t1.state());
            assertEquals(Map.of("lr", 0.4), t1.systemAttrs().get("fixed_params"));
            assertEquals(2, t2.number());
            assertEquals(List.of(0, 1, 2), s.trials(study).stream().map(FrozenTrial::number).toList());
        }
    }

    @ParameterizedTest
    @MethodSource("storages")
    void aTrialNumberLimitStopsCreationButNotClaimingWaitingTrials(String kind) {
        try (Storage s = TestStorages.open(kind, dir)) {
            long study = s.createStudy("limit", StudyDirection.MINIMIZE).studyId();
            assertEquals(0, s.claimOrCreateTrial(study, T0, null, 2).orElseThrow().number());
            assertEquals(1, s.claimOrCreateTrial(study, T0, null, 2).orElseThrow().number());
            assertTrue(s.claimOrCreateTrial(study, T0, null, 2).isEmpty(), "number 2 is not below the limit 2");
            FrozenTrial queued = s.enqueueTrial(study, Map.of());
            assertEquals(queued.trialId(), s.claimOrCreateTrial(study, T0, null, 2).orElseThrow().trialId(),
                    "a WAITING trial is claimed whatever the limit");
            assertTrue(s.claimOrCreateTrial(study, T0, null, 3).isEmpty());
            assertEquals(3, s.claimOrCreateTrial(study, T0, null, 4).orElseThrow().number());
            assertEquals(4, s.trials(study).size());
        }
    }

    @ParameterizedTest
    @MethodSource("storages")
    void paramsValuesAndAttributesRoundTrip(String kind) {
        try (Storage s = TestStorages.open(kind, dir)) {
            long study = s.createStudy("roundtrip", StudyDirection.MINIMIZE).studyId();
            FrozenTrial t = s.claimOrCreateTrial(study, T0, null);
            Distribution lr = Distribution.FloatRange.logScale(1e-5, 1);
            Distribution layers = new Distribution.IntRange(1, 9, 2, false);
            Distribution opt = new Distribution.Categorical(List.of("adam", "sgd"));
            s.setTrialParam(t.trialId(), "lr", lr, 0.001);
            s.setTrialParam(t.trialId(), "layers", layers, 5);
            s.setTrialParam(t.trialId(), "opt", opt, 1);
            assertThrows(IllegalArgumentException.class,
                    () -> s.setTrialParam(t.trialId(), "lr", Distribution.FloatRange.linear(0, 1), 0.5));
            s.setTrialIntermediateValue(t.trialId(), 0, 0.5, null);
            s.setTrialIntermediateValue(t.trialId(), 10, 0.75, new double[] {1, 0.5, 0.75});
            s.setTrialUserAttr(t.trialId(), "note", List.of(1, 2));
            s.setTrialSystemAttr(t.trialId(), "grid_id", 3);
            FrozenTrial done = s.finishTrial(t.trialId(), TrialState.COMPLETE, 0.75, null, T0.plusSeconds(5));
            FrozenTrial read = s.trial(t.trialId());
            assertEquals(done, read);
            assertEquals(Map.of("lr", 0.001, "layers", 5L, "opt", "sgd"), read.params());
            assertEquals(Map.of("lr", lr, "layers", layers, "opt", opt), read.distributions());
            assertEquals(Map.of(0L, 0.5, 10L, 0.75), read.intermediateValues());
            assertEquals(Map.of(10L, List.of(1.0, 0.5, 0.75)), read.instanceValues());
            assertEquals(Map.of("note", List.of(1, 2)), read.userAttrs());
            assertEquals(3, read.systemAttrs().get("grid_id"));
            assertEquals(0.75, read.value());
            assertEquals(T0, read.start());
            assertEquals(T0.plusSeconds(5), read.complete());
        }
    }

    @ParameterizedTest
    @MethodSource("storages")
    void aFinishedTrialCannotChange(String kind) {
        try (Storage s = TestStorages.open(kind, dir)) {
            long study = s.createStudy("frozen", StudyDirection.MINIMIZE).studyId();
            long id = s.claimOrCreateTrial(study, T0, null).trialId();
            s.finishTrial(id, TrialState.FAIL, null, "diverged: loss is NaN", T0);
            Distribution d = Distribution.FloatRange.linear(0, 1);
            assertThrows(IllegalStateException.class, () -> s.finishTrial(id, TrialState.COMPLETE, 1.0, null, T0));
            assertThrows(IllegalStateException.class, () -> s.setTrialParam(id, "x", d, 0.5));
            assertThrows(IllegalStateException.class, () -> s.setTrialIntermediateValue(id, 1, 0.5, null));
            assertThrows(IllegalStateException.class, () -> s.setTrialUserAttr(id, "k", "v"));
            assertThrows(IllegalStateException.class, () -> s.setTrialSystemAttr(id, "k", "v"));
            FrozenTrial t = s.trial(id);
            assertEquals(TrialState.FAIL, t.state());
            assertEquals("diverged: loss is NaN", t.failReason());
            assertNull(t.value());
            assertTrue(t.params().isEmpty());
            assertThrows(IllegalArgumentException.class, () -> s.finishTrial(
                    s.claimOrCreateTrial(study, T0, null).trialId(), TrialState.COMPLETE, Double.NaN, null, T0));
        }
    }

    @ParameterizedTest
    @MethodSource("storages")
    void staleRunningTrialsFailOnceAfterTheGracePeriod(String kind) {
        try (Storage s = TestStorages.open(kind, dir)) {
            long study = s.createStudy("stale", StudyDirection.MINIMIZE).studyId();
            FrozenTrial dead = s.claimOrCreateTrial(study, T0, T0);
            FrozenTrial alive = s.claimOrCreateTrial(study, T0, T0);
            FrozenTrial noBeat = s.claimOrCreateTrial(study, T0, null);
            s.recordHeartbeat(alive.trialId(), T0.plusSeconds(50));
            Duration grace = Duration.ofSeconds(30);
            assertTrue(s.failStaleTrials(study, grace, T0.plusSeconds(20)).isEmpty());
            List<FrozenTrial> failed = s.failStaleTrials(study, grace, T0.plusSeconds(60));
            assertEquals(List.of(dead.trialId()), failed.stream().map(FrozenTrial::trialId).toList());
            assertEquals(TrialState.FAIL, failed.get(0).state());
            assertTrue(failed.get(0).failReason().contains("heartbeat"), failed.get(0).failReason());
            assertTrue(s.failStaleTrials(study, grace, T0.plusSeconds(60)).isEmpty(), "failed only once");
            assertEquals(TrialState.RUNNING, s.trial(alive.trialId()).state());
            assertEquals(TrialState.RUNNING, s.trial(noBeat.trialId()).state());
        }
    }

    @ParameterizedTest
    @MethodSource("storages")
    void prunedTrialsKeepTheirLastValue(String kind) {
        try (Storage s = TestStorages.open(kind, dir)) {
            long study = s.createStudy("pruned", StudyDirection.MAXIMIZE).studyId();
            long id = s.claimOrCreateTrial(study, T0, null).trialId();
            s.setTrialIntermediateValue(id, 3, Double.NaN, null);
            FrozenTrial t = s.finishTrial(id, TrialState.PRUNED, 0.25, null, T0);
            assertEquals(0.25, t.value());
            assertTrue(t.intermediateValues().get(3L).isNaN());
        }
    }
}
