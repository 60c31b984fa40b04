package dev.metatune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.data.DatasetProvider;
import dev.metatune.hpo.PrunerProvider;
import dev.metatune.hpo.SamplerProvider;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.suite.Suite;
import dev.metatune.suite.SuiteLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The number of workers {@code metatune run} takes without {@code --workers}. */
class DefaultWorkersTest {

    @TempDir
    Path dir;

    private Suite suite(int trials, String seeds, boolean searched) throws Exception {
        String search = searched ? "    search:\n      lr: {float: [1.0e-4, 1.0e-2], log: true}\n" : "";
        Path file = dir.resolve("s" + trials + seeds.length() + searched + ".yaml");
        Files.writeString(file, "name: defaults\nseed: 1\ndatasets:\n  - name: synthetic\n"
                + "    settings: [{ways: 5, shots: 1, queries: 5}]\n"
                + "budget: {train_steps: 10, validate_every: 10, validation_episodes: 2}\n"
                + "trials: " + trials + "\nalgorithms:\n  - name: protonet\n    fixed: {filters: 8}\n" + search
                + "sampler: {name: random}\npruner: {name: nop}\ntest_episodes: 4\nseeds: " + seeds + "\nstorage: sqlite\n");
        return new SuiteLoader(SuiteCatalogs.of(AlgorithmProvider.registry(), DatasetProvider.registry()),
                SamplerProvider::byName, PrunerProvider::byName).load(file);
    }

    @Test
    void aCpuRunWithTwoThreadsAndTrialsToShareTakesTwoOneThreadWorkers() throws Exception {
        Suite s = suite(4, "[1]", true);
        assertEquals(2, DefaultWorkers.of(s, "cpu", "sqlite:/runs/x/studies.db", 2, true));
        assertEquals(2, DefaultWorkers.of(s, null, "jdbc:postgresql://db:5432/metatune", 8, true));
        assertEquals(1, WorkerDevices.threadsEach(2, 2));
        assertTrue(DefaultWorkers.announcement(2, 1).contains("--workers 1"), DefaultWorkers.announcement(2, 1));
    }

    @Test
    void oneWorkerWhereTwoCannotShareTheWork() throws Exception {
        Suite s = suite(4, "[1]", true);
        assertEquals(1, DefaultWorkers.of(s, "cpu", "sqlite:/runs/x/studies.db", 1, true), "one thread");
        assertEquals(1, DefaultWorkers.of(s, "cpu", "memory", 2, true), "a memory storage is one process's");
        assertEquals(1, DefaultWorkers.of(s, "gpu", "sqlite:/runs/x/studies.db", 2, true), "a GPU");
        assertEquals(1, DefaultWorkers.of(s, "cpu", "sqlite:/runs/x/studies.db", 2, false), "a registry given in process");
        assertEquals(1, DefaultWorkers.of(suite(1, "[1]", true), "cpu", "sqlite:/runs/x/studies.db", 2, true),
                "a one-trial study");
    }

    @Test
    void whereNothingIsSearchedTheSeedsAreTheTrialsToShare() throws Exception {
        assertEquals(1, DefaultWorkers.of(suite(4, "[1]", false), "cpu", "sqlite:/x.db", 2, true));
        assertEquals(2, DefaultWorkers.of(suite(4, "[1, 2]", false), "cpu", "sqlite:/x.db", 2, true));
    }
}
