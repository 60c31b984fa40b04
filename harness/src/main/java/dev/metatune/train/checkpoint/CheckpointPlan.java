package dev.metatune.train.checkpoint;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where one training keeps its checkpoints and where it may resume from.
 *
 * @param file       this training's checkpoint file (written every {@code every} steps, deleted when it finishes)
 * @param resumeFrom the checkpoint to continue from when it exists: {@code file} itself, or the file
 *                   of the training this one repeats (a dead worker's trial)
 * @param every      steps between checkpoints (at least 1)
 */
public record CheckpointPlan(Path file, Path resumeFrom, int every) {

    public CheckpointPlan {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(resumeFrom, "resumeFrom");
        if (every < 1) {
            throw new IllegalArgumentException("checkpoint every must be at least 1 step, got " + every);
        }
    }
}
