package dev.metatune.hpo;

import dev.metatune.space.Distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.hpo.sampler.RandomSampler;
import dev.metatune.hpo.sampler.TpeSampler;
import dev.metatune.hpo.storage.InMemoryStorage;
import dev.metatune.hpo.storage.StorageFactory;
import dev.metatune.hpo.storage.TestStorages;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StudyTest {

    @TempDir
    Path dir;

    static List<String> storages() {
        return TestStorages.names();
    }

    @ParameterizedTest
    @MethodSource("storages")
    void optimizeMapsPruningAndExceptionsToStatesAndGoesOn(String kind) {
        try (Storage storage = TestStorages.open(kind, dir)) {
            Study study = Study.builder(storage, "states").setSampler(new TpeSampler(1)).create();
            study.optimize(trial -> {
                double x = trial.suggestFloat("x", -1, 1);
                switch (trial.number() % 4) {
                    case 1:
                        trial.report(0, x);
                        throw new TrialPrunedException();
                    case 2:
                        throw new IllegalStateException("diverged at step 7");
                    case 3:
                        return Double.NaN;
                    default:
                        return x * x;
                }
            }, 8);
            List<FrozenTrial> trials = study.trials();
            assertEquals(8, trials.size());
            for (FrozenTrial t : trials) {
                TrialState expected = List.of(TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL, TrialState.FAIL)
                        .get(t.number() % 4);
                assertEquals(expected, t.state(), "trial " + t.number());
            }
            assertEquals("java.lang.IllegalStateException: diverged at step 7", trials.get(2).failReason());
            assertTrue(trials.get(3).failReason().contains("NaN"));
            assertEquals(trials.get(1).params().get("x"), trials.get(1).value(), "a pruned trial keeps its last value");
            FrozenTrial best = study.bestTrial().orElseThrow();
            assertEquals(TrialState.COMPLETE, best.state());
            assertTrue(best.value() <= trials.get(4).value());
        }
    }

    @Test
    void enqueuedDefaultsRunFirstAndTheBestTrialFollowsTheDirection() {
        Study study = Study.builder(new InMemoryStorage(), "defaults").setSampler(new RandomSampler(0)).optDirection(StudyDirection.MAXIMIZE).create();
        study.enqueueTrial(Map.of("lr", 0.4, "optimizer", "adam", "steps", 5));
        study.optimize(trial -> {
            double lr = trial.suggestFloat("lr", 1e-3, 1, true);
            String opt = trial.suggestCategorical("optimizer", List.of("sgd", "adam"));
            int steps = trial.suggestInt("steps", 1, 10);
            return -Math.abs(lr - 0.4) + (opt.equals("adam") ? 1 : 0) + steps * 0;
        }, 5);
        FrozenTrial first = study.trials().get(0);
        assertEquals(Map.of("lr", 0.4, "optimizer", "adam", "steps", 5L), first.params());
        assertEquals(first.trialId(), study.bestTrial().orElseThrow().trialId(), "the paper's default is best here");
        study.setUserAttr("dataset", "omniglot");
        assertEquals(Map.of("dataset", "omniglot"), study.userAttrs());
        assertThrows(IllegalArgumentException.class, () -> {
            study.enqueueTrial(Map.of("lr", 7.0));
            study.ask().suggestFloat("lr", 1e-3, 1, true);
        });
    }

    @Test
    void conditionalParametersAppearOnlyOnTheirBranch() {
        Study study = Study.builder(new InMemoryStorage(), "conditional").setSampler(new TpeSampler(3,
                TpeSampler.Settings.defaults().withStartupTrials(4))).create();
        study.optimize(trial -> {
            String kind = trial.suggestCategorical("kind", List.of("maml", "protonet"));
            if (kind.equals("maml")) {
                return trial.suggestFloat("inner_lr", 0.01, 1, true);
            }
            return trial.suggestInt("embedding", 16, 256, 16, false) / 256.0;
        }, 20);
        for (FrozenTrial t : study.trials()) {
            boolean maml = t.params().get("kind").equals("maml");
            assertEquals(maml, t.params().containsKey("inner_lr"));
            assertEquals(!maml, t.params().containsKey("embedding"));
            assertEquals(TrialState.COMPLETE, t.state());
        }
    }

    @Test
    void askAndTellAndSuggestingTwiceGivesTheSameValue() {
        Study study = Study.builder(new InMemoryStorage(), "asktell").setSampler(new RandomSampler(0)).create();
        Trial trial = study.ask();
        double x = trial.suggestFloat("x", 0, 1);
        assertEquals(x, trial.suggestFloat("x", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> trial.suggestFloat("x", 0, 2));
        trial.setUserAttr("note", "first");
        FrozenTrial done = study.tell(trial, x);
        assertEquals(TrialState.COMPLETE, done.state());
        assertEquals(Map.of("note", "first"), done.userAttrs());
        assertThrows(IllegalStateException.class, () -> study.tell(trial, 0.0), "a finished trial cannot change");
        assertThrows(IllegalStateException.class, () -> trial.report(1, 0.5));
    }

    @Test
    void timeoutAndTrialCountBoundOptimize() {
        Study study = Study.builder(new InMemoryStorage(), "bounds").setSampler(new RandomSampler(0)).create();
        study.optimize(t -> t.suggestFloat("x", 0, 1), 3, Duration.ofMinutes(1));
        assertEquals(3, study.trials().size());
        study.optimize(t -> {
            Thread.sleep(30);
            return t.suggestFloat("x", 0, 1);
        }, 1000, Duration.ofMillis(100));
        int n = study.trials().size();
        assertTrue(n > 3 && n < 20, "timeout stops the loop, got " + n + " trials");
        assertThrows(IllegalArgumentException.class, () -> study.optimize(t -> 0, 0));
    }

    @Test
    void aStudyResumesByNameAfterTheProcessStops() {
        String url = "jdbc:sqlite:" + dir.resolve("resume.db");
        try (Storage storage = StorageFactory.open(url)) {
            Study study = Study.builder(storage, "resume").setSampler(new TpeSampler(5)).create();
            study.optimize(t -> t.suggestFloat("x", -3, 3), 6);
            Trial abandoned = study.ask();
            abandoned.suggestFloat("x", -3, 3);
        }
        try (Storage storage = StorageFactory.open(url)) {
            Study study = Study.builder(storage, "resume").setSampler(new TpeSampler(5)).load();
            study.optimize(t -> t.suggestFloat("x", -3, 3), 6);
            List<FrozenTrial> trials = study.trials();
            assertEquals(13, trials.size());
            assertEquals(12, study.trials(Set.of(TrialState.COMPLETE)).size());
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), trials.stream().map(FrozenTrial::number).toList());
        }
        try (Storage storage = StorageFactory.open(url)) {
            assertThrows(IllegalArgumentException.class, () -> Study.builder(storage, "missing").setSampler(new RandomSampler(0)).load());
        }
    }

    @ParameterizedTest
    @MethodSource("storages")
    void aDeadWorkersTrialFailsAfterTheGracePeriodAndIsRetried(String kind) {
        try (Storage storage = TestStorages.open(kind, dir)) {
            Study setup = Study.builder(storage, "heartbeat").setSampler(new RandomSampler(0)).create();
            long studyId = setup.studyId();
            // a worker that died: its trial stays RUNNING with a heartbeat from long ago
            var dead = storage.claimOrCreateTrial(studyId, Instant.now().minusSeconds(600), Instant.now().minusSeconds(600));
            storage.setTrialParam(dead.trialId(), "x", Distribution.FloatRange.linear(0, 1), 0.25);
            try (Study study = Study.builder(storage, "heartbeat").setSampler(new RandomSampler(0))
                    .optHeartbeat(Duration.ofMillis(50), Duration.ofSeconds(2), 1).load()) {
                study.optimize(t -> {
                    Thread.sleep(150);
                    return t.suggestFloat("x", 0, 1);
                }, 2);
                List<FrozenTrial> trials = study.trials();
                assertEquals(TrialState.FAIL, trials.get(0).state());
                assertTrue(trials.get(0).failReason().contains("heartbeat"), trials.get(0).failReason());
                FrozenTrial retry = trials.get(1);
                assertEquals(TrialState.COMPLETE, retry.state());
                assertEquals(0.25, retry.params().get("x"), "the retry repeats the dead trial's parameters");
                assertEquals(0, retry.systemAttrs().get(Study.RETRY_OF));
                assertEquals(1, retry.systemAttrs().get(Study.RETRY_COUNT));
                assertEquals(TrialState.COMPLETE, trials.get(2).state(), "a live trial beats and is not failed");
            }
        }
    }

    @Test
    void builderValidatesItsArguments() {
        Storage storage = new InMemoryStorage();
        assertThrows(IllegalArgumentException.class, () -> Study.builder(storage, " "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Study.builder(storage, "x")
                .optHeartbeat(Duration.ofSeconds(5), Duration.ofSeconds(1), 0));
        assertTrue(e.getMessage().contains("grace"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("storages")
    void everySamplerMakesTheSameChoicesOnEveryStorage(String kind) {
        for (String sampler : List.of("random", "sobol", "tpe", "cmaes")) {
            List<Map<String, Object>> runs = new java.util.ArrayList<>();
            for (Storage storage : List.of(new InMemoryStorage(), TestStorages.open(kind, dir))) {
                try (storage) {
                    Study study = Study.builder(storage, "same-" + sampler).setSampler(SamplerProvider.byName(sampler, 9,
                            sampler.equals("tpe") ? Map.of("n_startup_trials", 4) : Map.of())).create();
                    study.optimize(t -> {
                        double lr = t.suggestFloat("lr", 1e-4, 1, true);
                        int width = t.suggestInt("width", 8, 64, 8, false);
                        String act = t.suggestCategorical("act", List.of("relu", "tanh"));
                        return Math.abs(Math.log10(lr) + 2) + width / 64.0 + (act.equals("relu") ? 0 : 0.5);
                    }, 14);
                    study.trials().forEach(t -> runs.add(t.params()));
                }
            }
            assertEquals(runs.subList(0, 14), runs.subList(14, 28), sampler + " on " + kind + " differs from memory");
        }
    }

    @Test
    void aFailingSamplerFailsTheClaimedTrialInsteadOfLeavingItRunning() {
        Sampler broken = new Sampler() {
            @Override
            public Map<String, Distribution> inferRelativeSearchSpace(Study study, FrozenTrial trial) {
                throw new IllegalStateException("broken sampler");
            }

            @Override
            public double sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
                return 0;
            }
        };
        Study study = Study.builder(new InMemoryStorage(), "broken").setSampler(broken).create();
        assertThrows(IllegalStateException.class, study::ask);
        FrozenTrial t = study.trials().get(0);
        assertEquals(TrialState.FAIL, t.state());
        assertTrue(t.failReason().contains("broken sampler"), t.failReason());
    }

    @Test
    void retriesOfADeadWorkersTrialAreBounded() {
        Storage storage = new InMemoryStorage();
        Study setup = Study.builder(storage, "bounded").setSampler(new RandomSampler(0)).create();
        storage.enqueueTrial(setup.studyId(), Map.of(Study.FIXED_PARAMS, Map.of("x", 0.5), Study.RETRY_COUNT, 1));
        Instant longAgo = Instant.now().minusSeconds(600);
        storage.claimOrCreateTrial(setup.studyId(), longAgo, longAgo);
        try (Study study = Study.builder(storage, "bounded").setSampler(new RandomSampler(0)).optHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(5), 1).load()) {
            Trial next = study.ask();
            assertEquals(1, next.number());
            assertEquals(TrialState.FAIL, study.trials().get(0).state());
            assertTrue(study.trials(Set.of(TrialState.WAITING)).isEmpty(), "a trial retried once is not retried again");
            study.tell(next, 1.0);
        }
    }

    @Test
    void aFailedHeartbeatIsKeptForTheCaller() throws Exception {
        Storage storage = StorageFactory.open("sqlite:" + dir.resolve("beats.db"));
        try (Study study = Study.builder(storage, "beats").setSampler(new RandomSampler(0)).optHeartbeat(Duration.ofMillis(20), Duration.ofSeconds(5), 0).create()) {
            study.ask();
            assertTrue(study.heartbeatFailure().isEmpty());
            storage.close();
            for (int i = 0; i < 250 && study.heartbeatFailure().isEmpty(); i++) {
                Thread.sleep(20);
            }
            assertTrue(study.heartbeatFailure().isPresent(), "beats against a closed storage fail and are recorded");
        }
    }
}
