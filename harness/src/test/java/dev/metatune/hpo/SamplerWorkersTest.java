package dev.metatune.hpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.hpo.storage.StorageFactory;
import dev.metatune.hpo.storage.TestStorages;
import dev.metatune.space.Distribution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Workers seeded alike never repeat each other's work: 2 and 4 workers (threads, and processes)
 * sharing one SQLite study with the random, Sobol, TPE and CMA-ES samplers draw no parameter set
 * twice, and where the sampler is not adaptive (random, Sobol) they draw exactly the points one
 * worker draws, trial number for trial number. The negative control, a sampler that seeds one
 * generator per worker (what every sampler did before), repeats points under the same harness.
 */
class SamplerWorkersTest {

    private static final int TRIALS = 16;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} with {1} worker threads")
    @CsvSource({"random, 2", "random, 4", "sobol, 2", "sobol, 4", "tpe, 2", "tpe, 4", "cmaes, 2", "cmaes, 4"})
    void workerThreadsDrawNoPointTwice(String sampler, int workers) throws Exception {
        String spec = TestStorages.freshSpec("sqlite", dir);
        warmUp(spec, sampler);
        runThreads(spec, workers, () -> SamplerWorkerMain.sampler(sampler));
        Map<Integer, Map<String, Object>> points = points(spec);
        assertEquals(TRIALS, points.size(), "the budget of " + TRIALS + " counted trials: " + points);
        assertTrue(duplicates(points).isEmpty(), sampler + " with " + workers + " workers drew the same point for trials "
                + duplicates(points));
        if (!sampler.equals("tpe") && !sampler.equals("cmaes")) {
            String alone = TestStorages.freshSpec("sqlite", dir);
            warmUp(alone, sampler);
            SamplerWorkerMain.work(alone, "s", SamplerWorkerMain.sampler(sampler), TRIALS, 0);
            assertEquals(points(alone), points, sampler + ": " + workers + " workers draw the points one worker draws");
        }
    }

    @ParameterizedTest(name = "{0} with 2 worker processes")
    @ValueSource(strings = {"random", "tpe"})
    void workerProcessesDrawNoPointTwice(String sampler) throws Exception {
        String spec = TestStorages.freshSpec("sqlite", dir);
        try (Storage storage = StorageFactory.open(spec)) {
            storage.createStudy("s", StudyDirection.MINIMIZE);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            Path log = dir.resolve(sampler + "-worker-" + w + ".log");
            logs.add(log);
            processes.add(new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), SamplerWorkerMain.class.getName(), spec, "s", sampler,
                    String.valueOf(TRIALS), dir.toString(), String.valueOf(w))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }
        for (int i = 0; i < 6000 && !(Files.exists(dir.resolve("ready-0")) && Files.exists(dir.resolve("ready-1"))); i++) {
            Thread.sleep(10);
        }
        Files.writeString(dir.resolve("go"), "");
        for (int w = 0; w < processes.size(); w++) {
            Process p = processes.get(w);
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            if (!done) {
                processes.forEach(Process::destroyForcibly);
            }
            assertTrue(done, "worker " + w + " did not finish in 120 s");
            assertEquals(0, p.exitValue(), "worker " + w + " failed:\n" + Files.readString(logs.get(w)));
        }
        Map<Integer, Map<String, Object>> points = points(spec);
        assertEquals(TRIALS, points.size());
        assertTrue(duplicates(points).isEmpty(), "two processes drew the same point for trials " + duplicates(points));
        Set<Object> workers = new HashSet<>();
        try (Storage storage = StorageFactory.open(spec)) {
            storage.trials(storage.findStudy("s").orElseThrow().studyId()).forEach(t -> workers.add(t.userAttrs().get("worker")));
        }
        assertEquals(2, workers.size(), "both processes ran trials: " + workers);
        if (sampler.equals("random")) {
            String alone = TestStorages.freshSpec("sqlite", dir);
            SamplerWorkerMain.work(alone, "s", SamplerWorkerMain.sampler(sampler), TRIALS, 0);
            assertEquals(points(alone), points, "two processes draw the points one worker draws");
        }
    }

    @Test
    void negativeControlWorkerSeededSamplersRepeatEachOther() throws Exception {
        String spec = TestStorages.freshSpec("sqlite", dir);
        runThreads(spec, 2, WorkerSeeded::new);
        Map<Integer, Map<String, Object>> points = points(spec);
        assertFalse(duplicates(points).isEmpty(), "per-worker seeding repeats points, so the check above can fail: " + points);
    }

    /** Sobol's space comes from the first complete trial: one worker runs trial 0 first, so every later trial has it. */
    private static void warmUp(String spec, String sampler) throws Exception {
        if (sampler.equals("sobol")) {
            SamplerWorkerMain.work(spec, "s", SamplerWorkerMain.sampler(sampler), 1, 0);
        }
    }

    private static void runThreads(String spec, int workers, java.util.function.Supplier<Sampler> samplers) throws Exception {
        try (Storage storage = StorageFactory.open(spec)) {
            storage.createStudyIfAbsent("s", StudyDirection.MINIMIZE);
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<WorkerSummary>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int id = w;
                Sampler sampler = samplers.get();
                done.add(pool.submit(() -> SamplerWorkerMain.work(spec, "s", sampler, TRIALS, id)));
            }
            for (Future<WorkerSummary> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every trial's parameters by trial number; all trials must be COMPLETE. */
    private static Map<Integer, Map<String, Object>> points(String spec) {
        try (Storage storage = StorageFactory.open(spec)) {
            Map<Integer, Map<String, Object>> out = new TreeMap<>();
            for (FrozenTrial t : storage.trials(storage.findStudy("s").orElseThrow().studyId())) {
                assertEquals(TrialState.COMPLETE, t.state(), t.toString());
                out.put(t.number(), new TreeMap<>(t.params()));
            }
            return out;
        }
    }

    /** The trial numbers whose parameter set an earlier trial drew already. */
    private static List<Integer> duplicates(Map<Integer, Map<String, Object>> points) {
        Map<Map<String, Object>, Integer> seen = new HashMap<>();
        List<Integer> out = new ArrayList<>();
        points.forEach((n, p) -> {
            if (seen.putIfAbsent(p, n) != null) {
                out.add(n);
            }
        });
        return out;
    }

    /** Random sampling from one generator a worker, seeded with the shared seed: the old behaviour. */
    private static final class WorkerSeeded implements Sampler {
        private final SplittableRandom rng = new SplittableRandom(SamplerWorkerMain.SEED);

        @Override
        public double sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
            if (distribution instanceof Distribution.FloatRange f) {
                return f.log() ? Math.exp(Math.log(f.low()) + rng.nextDouble() * (Math.log(f.high()) - Math.log(f.low())))
                        : f.low() + rng.nextDouble() * (f.high() - f.low());
            }
            Distribution.IntRange i = (Distribution.IntRange) distribution;
            return i.low() + rng.nextLong(i.high() - i.low() + 1);
        }
    }
}
