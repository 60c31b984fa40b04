package dev.metatune.hpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.metatune.hpo.sampler.RandomSampler;
import dev.metatune.hpo.sampler.SobolSampler;
import dev.metatune.hpo.storage.InMemoryStorage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * A retry (a dead worker's trial enqueued again) takes a trial number but repeats known parameters:
 * the trials after it must draw what the trials of a run without the death draw, so that a run that
 * lost a worker samples the same points (what the Slurm test's comparison with a single-process run
 * relies on).
 */
class RetryDrawIndexTest {

    private static final Objective OBJECTIVE = t -> t.suggestFloat("x", 0, 1) + t.suggestFloat("y", 0, 1);

    private static List<Map<String, Object>> paramsByNumber(Study study) {
        return study.trials().stream().map(t -> (Map<String, Object>) new LinkedHashMap<>(t.params())).toList();
    }

    private static void sameDrawsAfterARetry(LongFunction<Sampler> sampler) {
        Study clean = Study.builder(new InMemoryStorage(), "s").setSampler(sampler.apply(3)).create();
        clean.optimize(OBJECTIVE, 3);
        List<Map<String, Object>> expected = paramsByNumber(clean);

        InMemoryStorage storage = new InMemoryStorage();
        Study withRetry = Study.builder(storage, "s").setSampler(sampler.apply(3)).create();
        withRetry.optimize(OBJECTIVE, 1);
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put(Study.FIXED_PARAMS, new LinkedHashMap<>(withRetry.trials().get(0).params()));
        attrs.put(Study.RETRY_OF, 0);
        storage.enqueueTrial(withRetry.studyId(), attrs);
        withRetry.optimize(OBJECTIVE, 3);
        List<Map<String, Object>> got = paramsByNumber(withRetry);

        assertEquals(expected.get(0), got.get(1), "the retry repeats trial 0");
        assertEquals(expected.get(1), got.get(2), "the trial after the retry draws what trial 1 draws without it");
        assertEquals(expected.get(2), got.get(3));
        assertNotEquals(expected.get(1), expected.get(2), "control: consecutive trials draw different points");
    }

    @Test
    void randomDrawsSkipRetries() {
        sameDrawsAfterARetry(RandomSampler::new);
    }

    @Test
    void sobolDrawsSkipRetries() {
        sameDrawsAfterARetry(seed -> new SobolSampler(seed));
    }
}
