package dev.metatune.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Storage;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.TrialState;
import dev.metatune.hpo.storage.InMemoryStorage;
import dev.metatune.run.RunCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link FinalEvaluationSeeds}: a seed is covered from its enqueueing to its completion, including the
 * moment a worker has claimed its trial but not yet suggested the seed (the race that once evaluated a
 * seed twice when a second worker arrived at that moment).
 */
class FinalEvaluationSeedsTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<Long> SEEDS = List.of(1L, 2L);

    private static long enqueueSeeds(Storage storage) {
        long id = storage.createStudy("s-test", StudyDirection.MAXIMIZE).studyId();
        for (long seed : SEEDS) {
            storage.enqueueTrial(id, Map.of(Study.FIXED_PARAMS, Map.of(RunCodec.SEED_PARAM, seed)));
        }
        return id;
    }

    @Test
    void aClaimedTrialCoversItsSeedBeforeItsObjectiveSuggestsIt() {
        try (Storage storage = new InMemoryStorage()) {
            long id = enqueueSeeds(storage);
            assertEquals(List.of(), FinalEvaluationSeeds.missing(storage.trials(id), SEEDS), "both enqueued");
            FrozenTrial claimed = storage.claimOrCreateTrial(id, T, T);
            assertEquals(TrialState.RUNNING, storage.trial(claimed.trialId()).state());
            assertTrue(storage.trial(claimed.trialId()).params().isEmpty(), "claimed, the seed not yet suggested");
            assertEquals(List.of(), FinalEvaluationSeeds.missing(storage.trials(id), SEEDS),
                    "the claimed trial still covers its seed");
        }
    }

    @Test
    void aFailedEvaluationLeavesItsSeedMissingAndACompletedOneCoversIt() {
        try (Storage storage = new InMemoryStorage()) {
            long id = enqueueSeeds(storage);
            FrozenTrial first = storage.claimOrCreateTrial(id, T, T);
            FrozenTrial second = storage.claimOrCreateTrial(id, T, T);
            storage.finishTrial(first.trialId(), TrialState.FAIL, null, "out of memory", T);
            storage.finishTrial(second.trialId(), TrialState.COMPLETE, 0.9, null, T);
            long failedSeed = FinalEvaluationSeeds.seedOf(storage.trial(first.trialId())).orElseThrow();
            assertEquals(List.of(failedSeed), FinalEvaluationSeeds.missing(storage.trials(id), SEEDS));
        }
    }

    @Test
    void aTrialWithNeitherAnEnqueuedSeedNorASeedParameterHasNoSeed() {
        try (Storage storage = new InMemoryStorage()) {
            long id = storage.createStudy("s-test", StudyDirection.MAXIMIZE).studyId();
            FrozenTrial created = storage.claimOrCreateTrial(id, T, T);
            assertTrue(FinalEvaluationSeeds.seedOf(created).isEmpty());
            assertEquals(SEEDS, FinalEvaluationSeeds.missing(storage.trials(id), SEEDS));
        }
    }

    @Test
    void ofTwoTrialsOfOneSeedTheLaterYieldsToTheEarlierOrToACompletedOne() {
        try (Storage storage = new InMemoryStorage()) {
            long id = storage.createStudy("s-test", StudyDirection.MAXIMIZE).studyId();
            for (int i = 0; i < 2; i++) { // the same seed enqueued by two workers resuming at once
                storage.enqueueTrial(id, Map.of(Study.FIXED_PARAMS, Map.of(RunCodec.SEED_PARAM, 2L)));
            }
            FrozenTrial a = storage.claimOrCreateTrial(id, T, T);
            FrozenTrial b = storage.claimOrCreateTrial(id, T, T);
            assertTrue(FinalEvaluationSeeds.evaluatedBefore(storage.trials(id), storage.trial(a.trialId())).isEmpty(),
                    "the earlier trial goes on");
            assertEquals(a.number(), FinalEvaluationSeeds.evaluatedBefore(storage.trials(id), storage.trial(b.trialId()))
                    .orElseThrow().number(), "the later one yields to it");
            storage.finishTrial(a.trialId(), TrialState.COMPLETE, 0.9, null, T);
            FrozenTrial retry = storage.enqueueTrial(id, Map.of(Study.FIXED_PARAMS, Map.of(RunCodec.SEED_PARAM, 2L)));
            assertEquals(a.number(), FinalEvaluationSeeds.evaluatedBefore(storage.trials(id), retry).orElseThrow().number(),
                    "a completed evaluation covers any later trial of its seed");
            storage.finishTrial(b.trialId(), TrialState.FAIL, null, "duplicate", T);
            FrozenTrial other = storage.enqueueTrial(id, Map.of(Study.FIXED_PARAMS, Map.of(RunCodec.SEED_PARAM, 1L)));
            assertTrue(FinalEvaluationSeeds.evaluatedBefore(storage.trials(id), other).isEmpty(), "another seed is free");
        }
    }
}
