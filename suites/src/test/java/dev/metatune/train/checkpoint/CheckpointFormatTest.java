package dev.metatune.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.learner.LearnerState;
import dev.metatune.learner.StateTensor;
import dev.metatune.task.TaskSpec;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint file: what is written is read back exactly (tensors bitwise, non-finite numbers,
 * key, position, reports), atomically (no temporary file left), and a file of another format or
 * version, or of another training, is refused naming it.
 */
class CheckpointFormatTest {

    @TempDir
    Path dir;

    private static Checkpoint sample(long seed) {
        double[] ring = new double[TrainerPosition.TAIL];
        double[] acc = new double[TrainerPosition.TAIL];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = Math.PI * i / 7;
            acc[i] = i % 2 == 0 ? Double.NaN : 1.0 / 3;
        }
        LearnerState state = LearnerState.builder("protonet").counter("adam.steps", 12).counter("episodes", 12)
                .tensor(new StateTensor("block0.conv.weight", new long[] {2, 1, 3, 3}, floats(18, 0.1f)))
                .tensor(new StateTensor("adam.m.block0.conv.weight", new long[] {2, 1, 3, 3}, floats(18, -1e-30f)))
                .tensor(new StateTensor("scalar", new long[] {1}, new float[] {Float.MIN_VALUE})).build();
        CheckpointKey key = new CheckpointKey("protonet", Map.of("lr", 1e-3, "filters", 8, "name", "x", "flag", true),
                "synthetic", new int[] {1, 28, 28}, new TaskSpec(5, 1, 5), 64, seed);
        return new Checkpoint(key, 100, new TrainerPosition(12, 12, ring, acc, 3.25),
                List.of(new ReportedValue(10, 0.5, new double[] {0.25, 0.75})), state, "cpu()");
    }

    private static float[] floats(int n, float step) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = step * (i - 7);
        }
        return f;
    }

    @Test
    void writesAtomicallyAndReadsBackExactly() throws Exception {
        Path file = dir.resolve("sub").resolve("0.ckpt");
        Checkpoint c = sample(3);
        CheckpointFormat.write(file, c);
        CheckpointFormat.write(file, c);
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertEquals(List.of(file), left.toList(), "no temporary file is left beside the checkpoint");
        }
        Checkpoint back = CheckpointFormat.read(file);
        assertEquals(c.state(), back.state());
        assertEquals(c.position(), back.position());
        assertEquals(c.reports(), back.reports());
        assertEquals(c.totalSteps(), back.totalSteps());
        assertTrue(c.key().difference(back.key()).isEmpty(), c.key().difference(back.key()).toString());
        assertArrayEquals(c.state().tensors().get(1).values(), back.state().tensors().get(1).values());
        assertEquals("cpu()", back.device());
        assertTrue(c.key().difference(sample(4).key()).orElseThrow().contains("seed"));
    }

    @Test
    void refusesOtherFormatsVersionsAndTrainings() throws Exception {
        Path junk = dir.resolve("junk.ckpt");
        Files.writeString(junk, "not a zip");
        assertThrows(CheckpointException.class, () -> CheckpointFormat.read(junk));

        Path future = dir.resolve("future.ckpt");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(CheckpointFormat.MANIFEST));
            zip.write("{\"format\": \"metatune-checkpoint\", \"version\": 99}".getBytes());
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(CheckpointFormat.TENSORS));
            zip.closeEntry();
        }
        Files.write(future, bytes.toByteArray());
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFormat.read(future));
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());

        Path mine = dir.resolve("mine.ckpt");
        CheckpointFormat.write(mine, sample(3));
        TrainingCheckpoints other = new TrainingCheckpoints(dir.resolve("other.ckpt"), 5, sample(4).key(), 100, "cpu()");
        CheckpointException wrong = assertThrows(CheckpointException.class, () -> other.take(mine));
        assertTrue(wrong.getMessage().contains("seed 3 instead of 4"), wrong.getMessage());
        assertTrue(Files.exists(mine), "a refused checkpoint stays where it was");
        TrainingCheckpoints same = new TrainingCheckpoints(dir.resolve("moved.ckpt"), 5, sample(3).key(), 100, "cpu()");
        assertEquals(12, same.take(mine).orElseThrow().position().step());
        assertTrue(Files.exists(dir.resolve("moved.ckpt")) && !Files.exists(mine), "a taken checkpoint moves to its new owner");
        assertTrue(same.take(dir.resolve("absent.ckpt")).isEmpty());
    }
}
