package dev.metatune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metatune.train.checkpoint.CheckpointFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metatune eval --checkpoint-every N --checkpoint-dir DIR}: a process killed with SIGKILL
 * mid-training and run again with {@code --resume} continues from its checkpoint and prints the
 * result of an uninterrupted eval (bitwise, one engine thread), and deletes the checkpoint; options
 * that do not fit together, or a checkpoint of another eval, are the user's error (exit 2).
 */
class EvalResumeTest {

    @TempDir
    Path dir;

    private List<String> eval(String... extra) {
        List<String> args = new ArrayList<>(List.of("eval", "--algorithm", "protonet", "--dataset", "synthetic", "--ways", "5",
                "--shots", "1", "--queries", "5", "--train-steps", "400", "--test-episodes", "8", "--seed", "4",
                "--data-dir", dir.toString(), "--cache-dir", dir.resolve("cache").toString(), "--json",
                "--set", "filters=8", "--set", "train_ways=5", "--set", "train_shots=1", "--set", "train_queries=5"));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void killedEvalResumesWithTheUninterruptedResult() throws Exception {
        Path ckpt = dir.resolve("ckpt");
        JsonNode reference = json(run(eval(), "reference"));

        Process first = start(eval("--checkpoint-every", "10", "--checkpoint-dir", ckpt.toString()), "first");
        Path file = ckpt.resolve(EvalCommand.EVAL_CHECKPOINT);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!Files.isRegularFile(file)) {
            assertTrue(first.isAlive(), "eval ended before it could be killed: " + Files.readString(dir.resolve("first.err")));
            assertTrue(Instant.now().isBefore(deadline), "no checkpoint within 2 minutes");
            Thread.sleep(20);
        }
        first.destroyForcibly();
        first.waitFor();
        int step = CheckpointFormat.read(file).position().step();
        assertTrue(step > 0 && step < 400, "checkpoint at step " + step);

        StringWriter err = new StringWriter();
        assertEquals(2, Main.execute(eval("--checkpoint-every", "10", "--checkpoint-dir", ckpt.toString())
                .toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err)),
                "a checkpoint left without --resume is refused");
        assertTrue(err.toString().contains("--resume"), err.toString());
        err = new StringWriter();
        List<String> other = eval("--checkpoint-dir", ckpt.toString(), "--resume");
        other.set(other.indexOf("4"), "5");
        assertEquals(2, Main.execute(other.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err)),
                "a checkpoint of another seed is refused");
        assertTrue(err.toString().contains("seed"), err.toString());
        assertTrue(Files.isRegularFile(file), "a refused resume keeps the checkpoint");

        JsonNode resumed = json(run(eval("--checkpoint-every", "10", "--checkpoint-dir", ckpt.toString(), "--resume"),
                "resumed"));
        assertEquals(reference.get("accuracy").asDouble(), resumed.get("accuracy").asDouble(), "accuracy after resume");
        assertEquals(reference.get("ci95").asDouble(), resumed.get("ci95").asDouble(), "interval after resume");
        assertFalse(Files.exists(file), "a finished eval deletes its checkpoint");
    }

    @Test
    void checkpointOptionsNeedAFolder() {
        StringWriter err = new StringWriter();
        assertEquals(2, Main.execute(eval("--resume").toArray(String[]::new), new PrintWriter(new StringWriter()),
                new PrintWriter(err)));
        assertTrue(err.toString().contains("--checkpoint-dir"), err.toString());
    }

    private Process start(List<String> args, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile());
        pb.environment().put("OPT_OUT_TRACKING", "true");
        return pb.start();
    }

    private String run(List<String> args, String name) throws Exception {
        Process p = start(args, name);
        assertEquals(0, p.waitFor(), () -> name + " failed: " + read(dir.resolve(name + ".err")));
        return Files.readString(dir.resolve(name + ".out"));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.getMessage();
        }
    }

    private static JsonNode json(String out) throws Exception {
        String[] lines = out.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
}
