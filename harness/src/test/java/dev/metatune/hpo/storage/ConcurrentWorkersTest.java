package dev.metatune.hpo.storage;

import dev.metatune.hpo.Storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Four real worker processes share one study in one storage, 50 trials each: exactly 200 finished
 * trials, numbers 0..199 each once, every worker's trials all there.
 */
class ConcurrentWorkersTest {

    private static final int WORKERS = 4;
    private static final int TRIALS_EACH = 50;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void fourWorkerProcessesShareOneStudyWithoutLosingOrDuplicatingTrials(String kind) throws Exception {
        String spec = TestStorages.freshSpec(kind, dir);
        try (Storage storage = StorageFactory.open(spec)) {
            storage.createStudy("shared", StudyDirection.MINIMIZE);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            Path log = dir.resolve("worker-" + w + ".log");
            logs.add(log);
            processes.add(new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), HpoWorkerMain.class.getName(), spec, "shared",
                    String.valueOf(TRIALS_EACH), String.valueOf(w))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }
        for (int w = 0; w < WORKERS; w++) {
            Process p = processes.get(w);
            boolean done = p.waitFor(180, TimeUnit.SECONDS);
            if (!done) {
                processes.forEach(Process::destroyForcibly);
            }
            assertTrue(done, "worker " + w + " did not finish in 180 s");
            assertEquals(0, p.exitValue(), "worker " + w + " failed:\n" + Files.readString(logs.get(w)));
        }
        try (Storage storage = StorageFactory.open(spec)) {
            long id = storage.findStudy("shared").orElseThrow().studyId();
            List<FrozenTrial> trials = storage.trials(id);
            assertEquals(WORKERS * TRIALS_EACH, trials.size());
            Set<Integer> numbers = new HashSet<>();
            Map<Object, Integer> perWorker = new HashMap<>();
            for (FrozenTrial t : trials) {
                assertEquals(TrialState.COMPLETE, t.state(), t.toString());
                assertTrue(numbers.add(t.number()), "trial number " + t.number() + " twice");
                perWorker.merge(t.userAttrs().get("worker"), 1, Integer::sum);
            }
            for (int n = 0; n < WORKERS * TRIALS_EACH; n++) {
                assertTrue(numbers.contains(n), "trial number " + n + " missing");
            }
            assertEquals(Map.of(0, TRIALS_EACH, 1, TRIALS_EACH, 2, TRIALS_EACH, 3, TRIALS_EACH), perWorker);
        }
    }

}
