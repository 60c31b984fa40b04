package dev.metatune.hpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.hpo.sampler.RandomSampler;
import dev.metatune.hpo.storage.InMemoryStorage;
import dev.metatune.hpo.storage.StorageException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A worker whose heartbeat writes fail stops its trial and says so, instead of training on while others reap it. */
class HeartbeatFailureTest {

    private static final int STEPS = 3000;

    /** An objective that reports every 2 ms, as training reports validation scores; counts its steps. */
    private static Objective training(FlakyHeartbeatStorage storage, int[] steps, int failAfter) {
        return t -> {
            double x = t.suggestFloat("x", 0, 1);
            for (int step = 0; step < STEPS; step++) {
                t.report(step, x);
                steps[0]++;
                if (step == failAfter) {
                    storage.failHeartbeats = true;
                }
                Thread.sleep(2);
            }
            return x;
        };
    }

    @Test
    void aFailedHeartbeatInterruptsTheTrialEndsItFailAndStopsTheWorker() {
        FlakyHeartbeatStorage storage = new FlakyHeartbeatStorage(new InMemoryStorage());
        int[] steps = {0};
        try (Study study = Study.builder(storage, "flaky").setSampler(new RandomSampler(1))
                .optHeartbeat(Duration.ofMillis(20), Duration.ofSeconds(30), 1).create()) {
            StudyWorker worker = StudyWorker.builder(study, training(storage, steps, 5)).setTrials(3).build();
            HeartbeatFailedException e = assertThrows(HeartbeatFailedException.class, worker::run);
            assertInstanceOf(StorageException.class, e.getCause());
            assertTrue(e.getMessage().contains("disk full") && e.getMessage().contains("flaky"), e.getMessage());
            assertTrue(steps[0] < 500, "the objective stopped promptly, after " + steps[0] + " of " + STEPS + " steps");
            List<FrozenTrial> trials = study.trials();
            assertEquals(1, trials.size(), "the worker did not go on to the next trial");
            assertEquals(TrialState.FAIL, trials.get(0).state());
            assertTrue(trials.get(0).failReason().contains("heartbeat"), trials.get(0).failReason());
            assertThrows(HeartbeatFailedException.class, study::ask, "nothing new starts on this study object");
        }
    }

    @Test
    void anObjectiveThatSwallowsTheErrorIsStillStoppedAndTrialFailed() {
        FlakyHeartbeatStorage storage = new FlakyHeartbeatStorage(new InMemoryStorage());
        try (Study study = Study.builder(storage, "swallow").setSampler(new RandomSampler(1))
                .optHeartbeat(Duration.ofMillis(20), Duration.ofSeconds(30), 1).create()) {
            Objective swallowing = t -> {
                storage.failHeartbeats = true;
                for (int i = 0; i < 500; i++) {
                    try {
                        t.report(i, 1.0);
                    } catch (RuntimeException ignored) {
                        return 1.0; // a careless objective returns a value anyway
                    }
                    Thread.sleep(2);
                }
                return 1.0;
            };
            assertThrows(HeartbeatFailedException.class, () -> study.optimize(swallowing, 3));
            assertEquals(1, study.trials().size());
            assertEquals(TrialState.FAIL, study.trials().get(0).state(), "not COMPLETE: its worker's heartbeat failed");
        }
    }

    @Test
    void negativeControlWithWorkingHeartbeatsEveryTrialCompletes() {
        FlakyHeartbeatStorage storage = new FlakyHeartbeatStorage(new InMemoryStorage());
        int[] steps = {0};
        try (Study study = Study.builder(storage, "steady").setSampler(new RandomSampler(1))
                .optHeartbeat(Duration.ofMillis(20), Duration.ofSeconds(30), 1).create()) {
            Objective shortTraining = t -> {
                for (int step = 0; step < 30; step++) {
                    t.report(step, 1.0);
                    steps[0]++;
                    Thread.sleep(2);
                }
                return 1.0;
            };
            WorkerSummary summary = StudyWorker.builder(study, shortTraining).setTrials(2).build().run();
            assertEquals(2, summary.trialsRun());
            assertEquals(60, steps[0]);
            assertTrue(study.trials().stream().allMatch(t -> t.state() == TrialState.COMPLETE));
        }
    }
}
