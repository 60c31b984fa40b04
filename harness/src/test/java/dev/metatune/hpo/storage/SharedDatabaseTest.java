package dev.metatune.hpo.storage;

import dev.metatune.hpo.Storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.TrialState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two storage objects (two connections, as two workers have) on one database interleave freely:
 * an idle connection holds no lock, and each sees what the other wrote.
 */
class SharedDatabaseTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void twoConnectionsInterleaveWithoutBlockingEachOther(String kind) {
        String spec = TestStorages.freshSpec(kind, dir);
        Instant now = Instant.now();
        try (Storage a = StorageFactory.open(spec); Storage b = StorageFactory.open(spec)) {
            long study = a.createStudy("shared", StudyDirection.MINIMIZE).studyId();
            assertEquals(study, b.findStudy("shared").orElseThrow().studyId());
            FrozenTrial t0 = a.claimOrCreateTrial(study, now, null);
            FrozenTrial t1 = b.claimOrCreateTrial(study, now, null);
            a.trials(study);
            FrozenTrial t2 = b.claimOrCreateTrial(study, now, null);
            FrozenTrial t3 = a.claimOrCreateTrial(study, now, null);
            b.finishTrial(t0.trialId(), TrialState.COMPLETE, 1.0, null, now);
            assertEquals(List.of(0, 1, 2, 3), List.of(t0.number(), t1.number(), t2.number(), t3.number()));
            assertEquals(TrialState.COMPLETE, a.trial(t0.trialId()).state());
            assertEquals(4, b.trials(study).size());
        }
    }
}
