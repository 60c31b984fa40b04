package dev.metatune.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.cli.Main;
import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.StudyWorker;
import dev.metatune.hpo.TrialState;
import dev.metatune.hpo.Storage;
import dev.metatune.hpo.storage.StorageFactory;
import dev.metatune.hpo.StudyInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job's promises about its storage: a run killed with SIGKILL mid-sweep resumes with no
 * completed trial redone or lost, and {@code metatune report} rebuilds the run's files byte for byte.
 */
class SweepResumeTest {

    private static final String SUITE = """
            name: resume-check
            seed: 3
            datasets:
              - name: synthetic
                settings: [{ways: 5, shots: 1, queries: 5}]
            budget: {train_steps: 150, validate_every: 50, validation_episodes: 4, final_train_steps: 4}
            trials: 4
            algorithms:
              - name: protonet
                fixed: {filters: 8, train_ways: 5, train_shots: 1, train_queries: 5}
                search:
                  lr: {float: [1.0e-4, 1.0e-2], log: true}
                enqueue:
                  - {lr: 1.0e-3}
            sampler: {name: tpe}
            pruner: {name: nop}
            test_episodes: 8
            seeds: [1, 2]
            storage: sqlite
            """;

    @TempDir
    Path dir;

    @Test
    void killedRunResumesWithNothingLostOrRepeatedAndReportIsRebuiltByteForByte() throws Exception {
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, SUITE);
        Path out = dir.resolve("run");
        Path db = out.resolve(RunFolder.DATABASE);
        String[] args = {"run", suite.toString(), "--out", out.toString(), "--heartbeat-grace", "3",
            "--data-dir", dir.toString(), "--cache-dir", dir.resolve("cache").toString()};

        Path log = dir.resolve("first-worker.log");
        Process first = startWorker(args, log);
        Map<Integer, Double> completedBeforeKill = waitForCompletedTrial(db, first, log);
        first.destroyForcibly();
        first.waitFor();
        assertTrue(!completedBeforeKill.isEmpty(), "the first worker completed a trial before it was killed");

        String[] resume = Stream.concat(Stream.of(args), Stream.of("--resume")).toArray(String[]::new);
        StringWriter err = new StringWriter();
        int code = Main.execute(resume, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, "resumed run failed: " + err);

        try (Storage storage = StorageFactory.open("sqlite:" + db)) {
            StudyInfo tuning = storage.findStudy("protonet-synthetic-5w1s").orElseThrow();
            List<FrozenTrial> trials = storage.trials(tuning.studyId());
            Set<Integer> numbers = new HashSet<>();
            for (FrozenTrial t : trials) {
                assertTrue(numbers.add(t.number()), "trial number " + t.number() + " twice");
                assertTrue(t.state().isFinished(), "trial " + t.number() + " left " + t.state());
            }
            for (Map.Entry<Integer, Double> done : completedBeforeKill.entrySet()) {
                FrozenTrial t = trials.stream().filter(x -> x.number() == done.getKey()).findFirst().orElseThrow();
                assertEquals(TrialState.COMPLETE, t.state());
                assertEquals(done.getValue(), t.value(), "completed trial " + done.getKey() + " was redone");
            }
            long completeOrPruned = trials.stream().filter(t -> t.state() == TrialState.COMPLETE
                    || t.state() == TrialState.PRUNED).count();
            assertEquals(4, completeOrPruned, "the study's 4 trials all finished: " + trials);
            assertEquals(4, StudyWorker.countedTrials(trials), "a dead worker's trial does not use up the budget");
            StudyInfo test = storage.findStudy("protonet-synthetic-5w1s-test").orElseThrow();
            List<Long> seeds = new ArrayList<>();
            for (FrozenTrial t : storage.trials(test.studyId())) {
                if (t.state() == TrialState.COMPLETE) {
                    seeds.add(((Number) t.params().get("seed")).longValue());
                }
            }
            seeds.sort(null);
            assertEquals(List.of(1L, 2L), seeds, "one final evaluation per seed");
        }

        Path copy = dir.resolve("copy");
        copyTree(out, copy);
        for (String file : List.of("trials.csv", "curves.csv", "comparison.csv", "report.md", "provenance.json")) {
            Files.delete(copy.resolve(file));
        }
        assertEquals(0, Main.execute(new String[] {"report", copy.toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())));
        for (Path f : reportFiles(out)) {
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(copy.resolve(out.relativize(f))),
                    "report rebuilds " + out.relativize(f) + " byte for byte");
        }
        assertTrue(Files.readString(out.resolve("comparison.csv")).contains("protonet"));
    }

    private static Process startWorker(String[] args, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dai.djl.pytorch.num_threads=1", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("OPT_OUT_TRACKING", "true");
        return pb.start();
    }

    /** Waits until the tuning study has a COMPLETE trial and another one RUNNING; returns the completed values. */
    private static Map<Integer, Double> waitForCompletedTrial(Path db, Process worker, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            if (!worker.isAlive()) {
                throw new AssertionError("the first worker ended before it could be killed:\n" + Files.readString(log));
            }
            if (Files.exists(db)) {
                try (Storage storage = StorageFactory.open("sqlite:" + db)) {
                    var study = storage.findStudy("protonet-synthetic-5w1s");
                    if (study.isPresent()) {
                        List<FrozenTrial> trials = storage.trials(study.get().studyId());
                        Map<Integer, Double> complete = new TreeMap<>();
                        boolean running = false;
                        for (FrozenTrial t : trials) {
                            if (t.state() == TrialState.COMPLETE) {
                                complete.put(t.number(), t.value());
                            }
                            running |= t.state() == TrialState.RUNNING;
                        }
                        if (!complete.isEmpty() && running) {
                            return complete;
                        }
                    }
                } catch (RuntimeException busy) {
                    // the worker holds the write lock at this instant; look again
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no trial completed within 4 minutes");
    }

    private static List<Path> reportFiles(Path run) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String f : List.of("trials.csv", "curves.csv", "comparison.csv", "report.md", "provenance.json")) {
            files.add(run.resolve(f));
        }
        try (Stream<Path> plots = Files.list(run.resolve("plots"))) {
            plots.sorted().forEach(files::add);
        }
        return files;
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
