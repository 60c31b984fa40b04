package dev.metatune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Storage;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.StudyWorker;
import dev.metatune.hpo.TrialState;
import dev.metatune.hpo.storage.StorageFactory;
import dev.metatune.sweep.RunFolder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metatune run --workers 2} on a small synthetic suite: every trial runs exactly once, by
 * two worker processes at the same time, and one report is written; a worker killed with SIGKILL
 * mid-trial loses nothing: its trial is reaped after the heartbeat grace and run again, and the
 * run completes with the budget of counted trials.
 */
class RunWorkersTest {

    private static final String TUNING = "protonet-synthetic-5w1s";
    private static final int TRIALS = 4;

    private static final String SUITE = """
            name: workers-check
            seed: 5
            datasets:
              - name: synthetic
                settings: [{ways: 5, shots: 1, queries: 5}]
            budget: {train_steps: 40, validate_every: 20, validation_episodes: 4, final_train_steps: 4}
            trials: 4
            algorithms:
              - name: protonet
                fixed: {filters: 8, train_ways: 5, train_shots: 1, train_queries: 5}
                search:
                  lr: {float: [1.0e-4, 1.0e-2], log: true}
            sampler: {name: random}
            pruner: {name: nop}
            test_episodes: 8
            seeds: [1, 2]
            storage: sqlite
            """;

    @TempDir
    Path dir;

    @Test
    void twoWorkersRunEveryTrialExactlyOnceAndWriteOneReport() throws Exception {
        Path out = dir.resolve("run");
        StringWriter stdout = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args(out, SUITE), new PrintWriter(stdout), new PrintWriter(err));
        assertEquals(0, code, "run --workers 2 failed: " + err);
        List<FrozenTrial> tuning = trials(out, TUNING);
        assertEquals(TRIALS, tuning.size(), "one trial per budget unit, none repeated: " + tuning);
        Set<Integer> numbers = new HashSet<>();
        Set<Object> points = new HashSet<>();
        for (FrozenTrial t : tuning) {
            assertEquals(TrialState.COMPLETE, t.state(), t.toString());
            assertTrue(numbers.add(t.number()));
            assertTrue(points.add(t.params()), "two workers ran the point " + t.params());
        }
        assertTrue(overlap(tuning), "the two workers ran trials at the same time: " + tuning);
        assertEquals(List.of(1L, 2L), testSeeds(out), "one final evaluation per seed, none twice");
        assertTrue(Files.readString(out.resolve("comparison.csv")).contains("protonet"));
        assertTrue(stdout.toString().contains("protonet"), "the report is printed once, by the parent: " + stdout);
    }

    /**
     * Two studies, the first with one final evaluation: while one worker runs it, the other goes on to
     * tune the second study instead of waiting for it (and both studies end complete).
     */
    @Test
    void aWorkerWithNothingToRunInAStudyGoesOnToTheNext() throws Exception {
        Path out = dir.resolve("run");
        StringWriter err = new StringWriter();
        String twoStudies = SUITE.replace("settings: [{ways: 5, shots: 1, queries: 5}]",
                        "settings: [{ways: 5, shots: 1, queries: 5}, {ways: 5, shots: 2, queries: 5}]")
                .replace("trials: 4", "trials: 2").replace("final_train_steps: 4", "final_train_steps: 300")
                .replace("seeds: [1, 2]", "seeds: [1]");
        int code = Main.execute(args(out, twoStudies), new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, "run --workers 2 failed: " + err);
        List<FrozenTrial> firstTest = trials(out, TUNING + "-test");
        assertEquals(1, firstTest.size(), firstTest.toString());
        FrozenTrial evaluation = firstTest.get(0);
        List<FrozenTrial> second = trials(out, "protonet-synthetic-5w2s");
        assertEquals(2, second.size(), second.toString());
        assertTrue(second.stream().allMatch(t -> t.state() == TrialState.COMPLETE), second.toString());
        assertTrue(second.stream().anyMatch(t -> t.start().isBefore(evaluation.complete())),
                "a worker tuned the second study while the first study's final evaluation ran (" + evaluation.start()
                        + " to " + evaluation.complete() + "): " + second);
        assertEquals(TrialState.COMPLETE, trials(out, "protonet-synthetic-5w2s-test").get(0).state());
        assertTrue(Files.readString(out.resolve("comparison.csv")).contains("5w2s"));
    }

    @Test
    void aWorkerKilledMidTrialLosesNothing() throws Exception {
        Path out = dir.resolve("run");
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
                () -> Main.execute(args(out, SUITE.replace("train_steps: 40, validate_every: 20",
                        "train_steps: 400, validate_every: 10")), new PrintWriter(new StringWriter()), new PrintWriter(err)));
        ProcessHandle victim = waitForTwoRunningTrials(out, run);
        victim.destroyForcibly();
        int code = run.get(5, TimeUnit.MINUTES);
        assertEquals(0, code, "the run completes without the killed worker: " + err);
        List<FrozenTrial> tuning = trials(out, TUNING);
        List<FrozenTrial> failed = tuning.stream().filter(t -> t.state() == TrialState.FAIL).toList();
        assertEquals(1, failed.size(), "the killed worker's trial is the one FAIL: " + tuning);
        int lost = failed.get(0).number();
        FrozenTrial retry = tuning.stream().filter(t -> t.systemAttrs().get(Study.RETRY_OF) instanceof Number n
                && n.intValue() == lost).findFirst().orElseThrow(() -> new AssertionError("trial " + lost + " was not rerun"));
        assertEquals(TrialState.COMPLETE, retry.state());
        assertEquals(failed.get(0).params(), retry.params(), "the rerun has the lost trial's parameters");
        assertEquals(TRIALS, StudyWorker.countedTrials(tuning), "the counted trials match the budget");
        assertEquals(TRIALS + 1, tuning.size(), "nothing else was added: " + tuning);
        assertEquals(List.of(1L, 2L), testSeeds(out));
        assertTrue(Files.exists(out.resolve("report.md")));
    }

    private String[] args(Path out, String text) {
        try {
            Path suite = dir.resolve("suite.yaml");
            Files.writeString(suite, text);
            return new String[] {"run", suite.toString(), "--out", out.toString(), "--workers", "2", "--threads", "2",
                "--heartbeat-grace", "3", "--data-dir", dir.toString(), "--cache-dir", dir.resolve("cache").toString()};
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Waits until both workers are mid-trial, past the sampling of their parameters (on a busy machine a
     * trial can be RUNNING for a while before its parameters are stored); returns one of the worker processes.
     */
    private static ProcessHandle waitForTwoRunningTrials(Path out, CompletableFuture<Integer> run) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        String seen = "";
        while (Instant.now().isBefore(deadline)) {
            assertFalse(run.isDone(), "the run ended before a worker could be killed; last seen: " + seen);
            List<ProcessHandle> workers = ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList();
            Optional<List<FrozenTrial>> trials = tryTrials(out);
            seen = workers.size() + " workers, trials " + trials.map(l -> l.stream().map(t -> t.state().toString()).toList());
            if (workers.size() == 2 && trials.isPresent()
                    && trials.get().stream().filter(t -> t.state() == TrialState.RUNNING && !t.params().isEmpty()).count() == 2) {
                return workers.get(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the two workers were never both mid-trial within 4 minutes");
    }

    private static Optional<List<FrozenTrial>> tryTrials(Path out) {
        Path db = out.resolve(RunFolder.DATABASE);
        if (!Files.exists(db)) {
            return Optional.empty();
        }
        try (Storage storage = StorageFactory.open("sqlite:" + db)) {
            return storage.findStudy(TUNING).map(s -> storage.trials(s.studyId()));
        } catch (RuntimeException busy) {
            return Optional.empty();
        }
    }

    private static List<FrozenTrial> trials(Path out, String study) {
        try (Storage storage = StorageFactory.open("sqlite:" + out.resolve(RunFolder.DATABASE))) {
            return storage.trials(storage.findStudy(study).orElseThrow().studyId());
        }
    }

    private static List<Long> testSeeds(Path out) {
        List<Long> seeds = new ArrayList<>();
        for (FrozenTrial t : trials(out, TUNING + "-test")) {
            assertEquals(TrialState.COMPLETE, t.state(), t.toString());
            seeds.add(((Number) t.params().get("seed")).longValue());
        }
        seeds.sort(null);
        return seeds;
    }

    /** Whether two trials ran at the same time. */
    private static boolean overlap(List<FrozenTrial> trials) {
        for (FrozenTrial a : trials) {
            for (FrozenTrial b : trials) {
                if (a != b && a.start().isBefore(b.complete()) && b.start().isBefore(a.complete())) {
                    return true;
                }
            }
        }
        return false;
    }
}
