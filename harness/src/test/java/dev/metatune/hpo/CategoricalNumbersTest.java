package dev.metatune.hpo;

import dev.metatune.space.Distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.hpo.sampler.RandomSampler;
import dev.metatune.hpo.storage.StorageFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Numbers keep their value, not their boxed type, through storage: an enqueued 1L comes back as 1. */
class CategoricalNumbersTest {

    @Test
    void numericChoicesMatchByValue() {
        Distribution.Categorical seeds = new Distribution.Categorical(List.of(1L, 2L, 3L));
        assertTrue(seeds.contains(2));
        assertTrue(seeds.contains(2.0));
        assertFalse(seeds.contains(4));
        assertFalse(seeds.contains("2"));
        assertEquals(1.0, seeds.toInternal(2));
    }

    @TempDir
    Path dir;

    @Test
    void enqueuedLongSeedIsAcceptedAfterSqliteRoundTrip() throws Exception {
        try (Storage storage = StorageFactory.open("sqlite:" + dir.resolve("s.db"));
             Study study = Study.builder(storage, "seeds").setSampler(new RandomSampler(0)).create()) {
            study.enqueueTrial(Map.of("seed", 2L));
            Trial trial = study.ask();
            Object seed = trial.suggest("seed", new Distribution.Categorical(List.of(1L, 2L)));
            assertEquals(2L, ((Number) seed).longValue());
            study.tell(trial, 1.0);
        }
    }
}
