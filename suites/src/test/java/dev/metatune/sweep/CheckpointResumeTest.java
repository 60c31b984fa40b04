package dev.metatune.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.cli.Main;
import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.TrialState;
import dev.metatune.hpo.Storage;
import dev.metatune.hpo.storage.StorageFactory;
import dev.metatune.train.checkpoint.Checkpoint;
import dev.metatune.train.checkpoint.CheckpointFormat;
import dev.metatune.train.model.ModelFolder;
import dev.metatune.train.model.ModelManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A tuning trial whose worker is killed with SIGKILL mid-training continues, under {@code run --resume},
 * from its latest checkpoint (not from step 0) and ends with exactly the value of an uninterrupted run
 * (bitwise: every process on CPU with one engine thread), with the same learning curve, no gap and
 * no repeated step; the finished trial leaves no checkpoint. For MAML (second order), ProtoNet and
 * the baseline, on synthetic images with a tiny budget.
 */
class CheckpointResumeTest {

    private static final String SUITE = """
            name: checkpoint-check
            seed: 3
            datasets:
              - name: synthetic
                settings: [{ways: 5, shots: 1, queries: 5}]
            budget: {train_steps: %d, validate_every: 20, validation_episodes: 4, final_train_steps: 2, checkpoint_every: 10}
            trials: 1
            algorithms:
              - name: %s
                fixed: %s
                search:
                  %s: {float: [1.0e-4, 1.0e-2], log: true}
                enqueue:
                  - {%s: 1.0e-3}
            sampler: {name: random}
            pruner: {name: nop}
            test_episodes: 4
            seeds: [1]
            storage: sqlite
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"maml", "protonet", "baseline"})
    void killedTrialResumesFromItsCheckpointWithTheUninterruptedValueAndCurve(String algorithm) throws Exception {
        String fixed;
        String lr;
        int steps;
        if (algorithm.equals("maml")) {
            fixed = "{filters: 8, meta_batch: 2, first_order: false, inner_steps: 1, test_inner_steps: 1}";
            lr = "outer_lr";
            steps = 120;
        } else if (algorithm.equals("protonet")) {
            fixed = "{filters: 8, train_ways: 5, train_shots: 1, train_queries: 5}";
            lr = "lr";
            steps = 300;
        } else {
            fixed = "{filters: 8, train_ways: 5, train_shots: 1, train_queries: 5, finetune_epochs: 5}";
            lr = "lr";
            steps = 300;
        }
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, String.format(java.util.Locale.ROOT, SUITE, steps, algorithm, fixed, lr, lr));
        String study = algorithm + "-synthetic-5w1s";

        Path reference = dir.resolve("reference");
        Process straight = worker(args(suite, reference), dir.resolve("reference.log"));
        assertEquals(0, straight.waitFor(), () -> log(dir.resolve("reference.log")));
        FrozenTrial expected = tuningTrials(reference, study).get(0);
        assertEquals(TrialState.COMPLETE, expected.state());

        Path out = dir.resolve("run");
        Path log = dir.resolve("first.log");
        Process first = worker(args(suite, out), log);
        Path checkpoint = out.resolve(TrialCheckpointFiles.FOLDER).resolve(study).resolve("0.ckpt");
        waitFor(checkpoint, first, log);
        first.destroyForcibly();
        first.waitFor();
        Checkpoint left = CheckpointFormat.read(checkpoint);
        int resumedAt = left.position().step();
        assertTrue(resumedAt > 0 && resumedAt < steps, "killed mid-trial, checkpoint at step " + resumedAt);

        Path resumeLog = dir.resolve("resume.log");
        List<String> resume = new ArrayList<>(args(suite, out));
        resume.add("--resume");
        Process second = worker(resume, resumeLog);
        assertEquals(0, second.waitFor(), () -> log(resumeLog));

        List<FrozenTrial> trials = tuningTrials(out, study);
        FrozenTrial dead = trials.stream().filter(t -> t.number() == 0).findFirst().orElseThrow();
        assertEquals(TrialState.FAIL, dead.state(), "the killed trial is marked FAIL");
        FrozenTrial retry = trials.stream().filter(t -> t.systemAttrs().get(Study.RETRY_OF) instanceof Number n
                && n.intValue() == 0).findFirst().orElseThrow();
        assertEquals(TrialState.COMPLETE, retry.state());
        assertTrue(retry.userAttrs().get(TuningObjective.RESUMED_FROM_STEP) instanceof Number n && n.intValue() >= resumedAt,
                "the retried trial continued from a checkpoint at or after step " + resumedAt + ": " + retry.userAttrs());
        assertEquals(expected.value(), retry.value(), algorithm + ": resumed value differs from the uninterrupted one");
        assertEquals(expected.params(), retry.params());
        assertEquals(expected.intermediateValues(), retry.intermediateValues(),
                algorithm + ": the learning curve has a gap, a repeated step or another value");
        List<Long> stepsReported = new ArrayList<>(retry.intermediateValues().keySet());
        List<Long> every20 = new ArrayList<>();
        for (long s = 20; s <= steps; s += 20) {
            every20.add(s);
        }
        assertEquals(every20, stepsReported);
        assertEquals(expected.instanceValues(), retry.instanceValues());
        try (Stream<Path> files = Files.walk(out.resolve(TrialCheckpointFiles.FOLDER))) {
            assertFalse(files.anyMatch(p -> p.toString().endsWith(".ckpt")), "a finished trial leaves no checkpoint");
        }
        // the final evaluation saved its model, listed in models.csv
        String testStudy = dev.metatune.run.RunCodec.testStudyName(study);
        assertEquals("study,seed,path\n" + testStudy + ",1,models/" + testStudy + "/seed-1\n",
                Files.readString(out.resolve(SavedModels.LIST)));
        ModelManifest saved = ModelFolder.open(SavedModels.folder(out, testStudy, 1)).manifest();
        assertEquals(algorithm, saved.key().algorithm());
        assertEquals(2, saved.trainSteps());
        assertEquals("checkpoint-check", saved.provenance().suiteName());
    }

    private List<String> args(Path suite, Path out) {
        return List.of("run", suite.toString(), "--out", out.toString(), "--heartbeat-grace", "2", "--data-dir",
                dir.toString(), "--cache-dir", dir.resolve("cache").toString());
    }

    private static List<FrozenTrial> tuningTrials(Path run, String study) {
        try (Storage storage = StorageFactory.open("sqlite:" + run.resolve(RunFolder.DATABASE))) {
            return storage.trials(storage.findStudy(study).orElseThrow().studyId());
        }
    }

    private static Process worker(List<String> args, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OPT_OUT_TRACKING", "true");
        return pb.start();
    }

    private static void waitFor(Path checkpoint, Process worker, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (!worker.isAlive()) {
                throw new AssertionError("the worker ended before it could be killed:\n" + log(log));
            }
            if (Files.isRegularFile(checkpoint)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no checkpoint within 3 minutes:\n" + log(log));
    }

    private static String log(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
