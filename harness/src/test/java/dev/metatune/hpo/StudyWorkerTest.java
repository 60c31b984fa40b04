package dev.metatune.hpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.hpo.sampler.GridSampler;
import dev.metatune.hpo.sampler.RandomSampler;
import dev.metatune.hpo.storage.InMemoryStorage;
import dev.metatune.space.Distribution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The worker loop: counted trials, the sampler's stop, other workers' trials, the timeout. */
class StudyWorkerTest {

    private static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_000L);
    private static final Map<String, List<Object>> GRID = gridOf();

    private static Map<String, List<Object>> gridOf() {
        Map<String, List<Object>> g = new LinkedHashMap<>();
        g.put("a", List.of(1L, 2L));
        g.put("b", List.of("x", "y"));
        return g;
    }

    private static final Objective ON_GRID = t -> t.suggestInt("a", 1, 2) + t.suggestCategorical("b", List.of("x", "y")).length();

    @Test
    void aGridOfFourPointsWithEightTrialsRunsFourTrialsNoneRepeated() {
        Study study = Study.builder(new InMemoryStorage(), "grid").setSampler(new GridSampler(GRID, 3)).create();
        WorkerSummary summary = StudyWorker.builder(study, ON_GRID).setTrials(8).build().run();
        List<FrozenTrial> trials = study.trials();
        assertEquals(4, trials.size(), "the grid's stop ends the loop: " + trials);
        assertEquals(4, trials.stream().map(FrozenTrial::params).distinct().count(), "no grid point twice");
        assertEquals(WorkerSummary.Stop.SAMPLER_EXHAUSTED, summary.stop());
        assertEquals(4, summary.trialsRun());
        // a second worker (or a resumed run) on the finished grid starts nothing
        Study again = Study.builder(study.storage(), "grid").setSampler(new GridSampler(GRID, 3)).load();
        assertEquals(0, StudyWorker.builder(again, ON_GRID).setTrials(8).build().run().trialsRun());
        // negative control: a sampler without a stop runs the whole budget
        Study random = Study.builder(new InMemoryStorage(), "random").setSampler(new RandomSampler(3)).create();
        assertEquals(WorkerSummary.Stop.BUDGET_USED, StudyWorker.builder(random, ON_GRID).setTrials(8).build().run().stop());
        assertEquals(8, random.trials().size());
    }

    @Test
    void anEnqueuedGridPointTakesItsOwnPlaceInTheGrid() {
        Study study = Study.builder(new InMemoryStorage(), "grid").setSampler(new GridSampler(GRID, 5)).create();
        study.enqueueTrial(Map.of("a", 2L, "b", "y"));
        StudyWorker.builder(study, ON_GRID).setTrials(16).build().run();
        List<FrozenTrial> trials = study.trials();
        assertEquals(Map.of("a", 2L, "b", "y"), trials.get(0).params(), "the enqueued point runs first");
        assertEquals(4, trials.size());
        assertEquals(4, trials.stream().map(FrozenTrial::params).distinct().count());
    }

    @Test
    void budgetIsSharedWithOtherWorkersWhoseDeadTrialIsReapedAndRetried() {
        MutableClock clock = new MutableClock(T0);
        Storage storage = new InMemoryStorage();
        long id = storage.createStudy("shared", StudyDirection.MINIMIZE).studyId();
        FrozenTrial dead = storage.claimOrCreateTrial(id, T0, T0);
        storage.setTrialParam(dead.trialId(), "x", Distribution.FloatRange.linear(0, 1), 0.25);
        FrozenTrial alive = storage.claimOrCreateTrial(id, T0, T0);
        int[] sleeps = {0};
        List<Integer> sleptBeforeReap = new ArrayList<>();
        StudyWorker.Sleeper sleeper = d -> {
            clock.advance(d);
            sleeps[0]++;
            if (sleeps[0] < 8) {
                storage.recordHeartbeat(alive.trialId(), clock.instant()); // the other worker lives on
            } else if (sleeps[0] == 8) {
                storage.finishTrial(alive.trialId(), TrialState.COMPLETE, 0.5, null, clock.instant());
            }
        };
        try (Study study = Study.builder(storage, "shared").setSampler(new RandomSampler(1)).optClock(clock)
                .optHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(5), 1).load()) {
            WorkerSummary summary = StudyWorker.builder(study, t -> t.suggestFloat("x", 0, 1)).setTrials(3)
                    .optSleeper(sleeper).optListener(new WorkerListener() {
                        @Override
                        public void trialReaped(FrozenTrial trial, boolean retried) {
                            assertTrue(retried);
                            sleptBeforeReap.add(sleeps[0]);
                        }
                    }).build().run();
            List<FrozenTrial> trials = study.trials();
            assertEquals(4, trials.size(), trials.toString());
            assertEquals(TrialState.FAIL, trials.get(0).state());
            assertEquals(TrialState.COMPLETE, trials.get(1).state(), "the live worker's trial is left alone");
            assertEquals(TrialState.COMPLETE, trials.get(2).state());
            FrozenTrial retry = trials.get(3);
            assertEquals(TrialState.COMPLETE, retry.state());
            assertEquals(0, retry.systemAttrs().get(Study.RETRY_OF));
            assertEquals(0.25, retry.params().get("x"), "the retry repeats the dead trial");
            assertEquals(List.of(3), sleptBeforeReap, "waited past the 5 s grace (2 s a sleep) before reaping");
            assertEquals(8, sleeps[0], "waited for the other worker's trial to end");
            assertEquals(new WorkerSummary(2, 1, 3, WorkerSummary.Stop.BUDGET_USED, Duration.ofSeconds(16)), summary);
        }
    }

    @Test
    void aWorkerThatDoesNotWaitEndsWhileAnotherWorkersTrialRuns() {
        MutableClock clock = new MutableClock(T0);
        Storage storage = new InMemoryStorage();
        long id = storage.createStudy("shared", StudyDirection.MINIMIZE).studyId();
        FrozenTrial other = storage.claimOrCreateTrial(id, T0, T0);
        try (Study study = Study.builder(storage, "shared").setSampler(new RandomSampler(1)).optClock(clock)
                .optHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(5), 1).load()) {
            StudyWorker.Sleeper never = d -> {
                throw new AssertionError("a worker that does not wait slept");
            };
            WorkerSummary summary = StudyWorker.builder(study, t -> t.suggestFloat("x", 0, 1)).setTrials(2)
                    .optWaitForOthers(false).optSleeper(never).build().run();
            assertEquals(WorkerSummary.Stop.OTHERS_RUNNING, summary.stop());
            assertEquals(1, summary.trialsRun(), "it ran the one trial left to start");
            assertEquals(TrialState.RUNNING, study.trials().get(0).state(), "the other worker's trial is left alone");
            // once that trial is over, the study is finished for a worker that does not wait too
            storage.finishTrial(other.trialId(), TrialState.COMPLETE, 0.5, null, clock.instant());
            assertEquals(WorkerSummary.Stop.BUDGET_USED, StudyWorker.builder(study, t -> t.suggestFloat("x", 0, 1))
                    .setTrials(2).optWaitForOthers(false).optSleeper(never).build().run().stop());
        }
    }

    @Test
    void theTimeoutAndAStopEndTheLoopBetweenTrials() {
        MutableClock clock = new MutableClock(T0);
        Study study = Study.builder(new InMemoryStorage(), "timeout").setSampler(new RandomSampler(2)).optClock(clock).create();
        WorkerSummary summary = StudyWorker.builder(study, t -> {
            clock.advance(Duration.ofSeconds(60));
            return t.suggestFloat("x", 0, 1);
        }).setTrials(100).optTimeout(Duration.ofSeconds(150)).build().run();
        assertEquals(WorkerSummary.Stop.TIMEOUT, summary.stop());
        assertEquals(3, study.trials().size(), "trials start at 0, 60 and 120 s; none at 180 s");
        WorkerSummary untimed = StudyWorker.builder(study, t -> t.suggestFloat("x", 0, 1)).setTrials(5).build().run();
        assertEquals(2, untimed.trialsRun(), "zero timeout: no limit, and the budget counts the earlier trials");

        Study stopping = Study.builder(new InMemoryStorage(), "stop").setSampler(new RandomSampler(2)).create();
        WorkerSummary stopped = StudyWorker.builder(stopping, t -> {
            if (t.number() == 1) {
                stopping.stop();
            }
            return t.suggestFloat("x", 0, 1);
        }).setTrials(10).build().run();
        assertEquals(WorkerSummary.Stop.STOPPED, stopped.stop());
        assertEquals(2, stopping.trials().size());
    }

    @Test
    void onlyEnqueuedTrialsRunWithABudgetOfZeroAndFailuresDoNotStopTheLoop() {
        Study study = Study.builder(new InMemoryStorage(), "seeds").setSampler(new RandomSampler(2)).create();
        for (long seed = 1; seed <= 3; seed++) {
            study.enqueueTrial(Map.of("seed", seed));
        }
        Set<Integer> seen = new HashSet<>();
        WorkerSummary summary = StudyWorker.builder(study, t -> {
            long seed = t.suggestLong("seed", 0, 10, 1, false);
            if (seed == 2) {
                throw new IllegalStateException("seed 2 breaks");
            }
            return seed;
        }).setTrials(0).optListener(new WorkerListener() {
            @Override
            public void trialFinished(FrozenTrial trial) {
                seen.add(trial.number());
            }
        }).build().run();
        assertEquals(3, summary.trialsRun());
        assertEquals(Set.of(0, 1, 2), seen);
        assertEquals(TrialState.FAIL, study.trials().get(1).state());
        assertTrue(study.trials().get(1).failReason().contains("seed 2 breaks"));
        assertThrows(IllegalArgumentException.class, () -> StudyWorker.builder(study, t -> 0).setTrials(-1));
        assertThrows(IllegalStateException.class, () -> StudyWorker.builder(study, t -> 0).build());
    }
}
