package dev.metatune.train.checkpoint;

import dev.metatune.learner.LearnerState;
import java.util.List;
import java.util.Objects;

/**
 * Everything a meta-training needs to continue where it stopped: what it belongs to, the trainer's
 * position, the values a tuning trial had reported, and the learner's whole state. Written and read
 * by {@link CheckpointFormat}.
 *
 * @param key        what the checkpoint belongs to
 * @param totalSteps the steps the training was planned for
 * @param position   where the trainer stood
 * @param reports    intermediate values reported up to {@code position.step()} (empty outside tuning)
 * @param state      the learner's state at {@code position}
 * @param device     the device it was written on, for information (any device can read it)
 */
public record Checkpoint(CheckpointKey key, int totalSteps, TrainerPosition position, List<ReportedValue> reports,
                         LearnerState state, String device) {

    public Checkpoint {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(device, "device");
        reports = List.copyOf(reports);
        if (totalSteps < position.step()) {
            throw new IllegalArgumentException("a checkpoint at step " + position.step() + " of " + totalSteps
                    + " planned steps");
        }
        for (ReportedValue r : reports) {
            if (r.step() > position.step()) {
                throw new IllegalArgumentException("a checkpoint at step " + position.step() + " holds a value reported at step "
                        + r.step());
            }
        }
    }
}
