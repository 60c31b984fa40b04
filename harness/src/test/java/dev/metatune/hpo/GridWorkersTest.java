package dev.metatune.hpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.hpo.storage.StorageFactory;
import dev.metatune.hpo.storage.TestStorages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two worker processes, started together, run the worker loop on one 12-point grid in one storage
 * with a budget of 30: each point runs exactly once, and then both stop.
 */
class GridWorkersTest {

    private static final int WORKERS = 2;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void twoWorkerProcessesOnOneGridRunEachPointOnce(String kind) throws Exception {
        String spec = TestStorages.freshSpec(kind, dir);
        try (Storage storage = StorageFactory.open(spec)) {
            storage.createStudy("grid", StudyDirection.MINIMIZE);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            Path log = dir.resolve("worker-" + w + ".log");
            logs.add(log);
            processes.add(new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), GridWorkerMain.class.getName(), spec, "grid",
                    dir.toString(), String.valueOf(w))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }
        for (int i = 0; i < 6000 && !(Files.exists(dir.resolve("ready-0")) && Files.exists(dir.resolve("ready-1"))); i++) {
            Thread.sleep(10);
        }
        Files.writeString(dir.resolve("go"), "");
        for (int w = 0; w < WORKERS; w++) {
            Process p = processes.get(w);
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            if (!done) {
                processes.forEach(Process::destroyForcibly);
            }
            assertTrue(done, "worker " + w + " did not finish in 120 s");
            assertEquals(0, p.exitValue(), "worker " + w + " failed:\n" + Files.readString(logs.get(w)));
        }
        try (Storage storage = StorageFactory.open(spec)) {
            List<FrozenTrial> trials = storage.trials(storage.findStudy("grid").orElseThrow().studyId());
            assertEquals(12, trials.size(), "one trial a grid point, not the budget of 30: " + trials);
            Set<Map<String, Object>> points = new HashSet<>();
            for (FrozenTrial t : trials) {
                assertEquals(TrialState.COMPLETE, t.state(), t.toString());
                assertTrue(points.add(t.params()), "grid point " + t.params() + " ran twice");
            }
            assertEquals(12, points.size());
        }
    }
}
