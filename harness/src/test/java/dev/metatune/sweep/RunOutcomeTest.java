package dev.metatune.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.TrialState;
import dev.metatune.hpo.storage.InMemoryStorage;
import dev.metatune.hpo.Storage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RunOutcome}: which studies completed no trial, read from the storage, with their first failure. */
class RunOutcomeTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static void trial(Storage storage, String study, TrialState state, String reason) {
        long id = storage.createStudyIfAbsent(study, StudyDirection.MAXIMIZE).studyId();
        FrozenTrial t = storage.claimOrCreateTrial(id, T, T);
        storage.finishTrial(t.trialId(), state, state == TrialState.COMPLETE ? 0.5 : null, reason, T);
    }

    @Test
    void namesEachStudyWithNoCompletedTrialAndItsFirstFailure() {
        try (Storage storage = new InMemoryStorage()) {
            trial(storage, "a", TrialState.FAIL, "inner_lr must be > 0");
            trial(storage, "a", TrialState.FAIL, "second reason");
            trial(storage, "b", TrialState.FAIL, "ignored, a later trial completed");
            trial(storage, "b", TrialState.COMPLETE, null);
            trial(storage, "b-test", TrialState.COMPLETE, null);
            trial(storage, "c", TrialState.PRUNED, null);
            trial(storage, "d", TrialState.COMPLETE, null);
            // d's final evaluation never ran; e searches nothing and its evaluation failed
            trial(storage, "e-test", TrialState.FAIL, "out of memory");
            RunOutcome outcome = RunOutcome.of(storage, List.of(List.of("a", "a-test"), List.of("b", "b-test"),
                    List.of("c", "c-test"), List.of("d", "d-test"), List.of("e-test")));
            assertEquals(List.of(new RunOutcome.IncompleteStudy("a", "trial 0: inner_lr must be > 0"),
                    new RunOutcome.IncompleteStudy("c", "all 1 trial was pruned"),
                    new RunOutcome.IncompleteStudy("d-test", "no trial ran"),
                    new RunOutcome.IncompleteStudy("e-test", "trial 0: out of memory")), outcome.incomplete());
            assertEquals("4 of 5 studies completed no trial: a (trial 0: inner_lr must be > 0); c (all 1 trial was pruned);"
                    + " d-test (no trial ran); e-test (trial 0: out of memory)", outcome.summary(5));
            assertTrue(!outcome.complete());
        }
    }

    /** Negative control: a run whose every study completed a trial is complete. */
    @Test
    void aRunWhoseStudiesEachCompletedATrialIsComplete() {
        try (Storage storage = new InMemoryStorage()) {
            trial(storage, "a", TrialState.FAIL, "first try failed");
            trial(storage, "a", TrialState.COMPLETE, null);
            trial(storage, "a-test", TrialState.COMPLETE, null);
            assertTrue(RunOutcome.of(storage, List.of(List.of("a", "a-test"))).complete());
        }
    }
}
