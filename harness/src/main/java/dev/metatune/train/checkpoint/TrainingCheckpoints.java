package dev.metatune.train.checkpoint;

import dev.metatune.learner.MetaLearner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The checkpoints of one training: every {@code every} steps the latest one replaces the previous
 * in {@link #file()} (none after the last step: a finished training {@link #delete}s its file), and a
 * training that starts again resumes from the latest one whose key is its own.
 */
public final class TrainingCheckpoints {

    private final Path file;
    private final int every;
    private final CheckpointKey key;
    private final int totalSteps;
    private final String device;

    /**
     * @param file       where this training's latest checkpoint lives
     * @param every      steps between checkpoints (at least 1)
     * @param key        what the training is
     * @param totalSteps steps it is planned for
     * @param device     the device it trains on (recorded, for information)
     */
    public TrainingCheckpoints(Path file, int every, CheckpointKey key, int totalSteps, String device) {
        this.file = Objects.requireNonNull(file, "file");
        if (every < 1) {
            throw new IllegalArgumentException("checkpoint_every must be at least 1, got " + every);
        }
        this.every = every;
        this.key = Objects.requireNonNull(key, "key");
        this.totalSteps = totalSteps;
        this.device = Objects.requireNonNull(device, "device");
    }

    public Path file() {
        return file;
    }

    /**
     * The checkpoint in {@code from} (another training's file, such as the dead trial's that this
     * one repeats, or {@link #file()} itself), if there is one. It is moved to {@link #file()} first,
     * so that a retry of this training finds it too. A checkpoint of another training (another key)
     * is a {@link CheckpointException} naming the difference.
     */
    public Optional<Checkpoint> take(Path from) {
        try {
            if (!Files.isRegularFile(from)) {
                return Optional.empty();
            }
            Checkpoint c = CheckpointFormat.read(from);
            Optional<String> difference = key.difference(c.key());
            if (difference.isPresent()) {
                throw new CheckpointException(from + " belongs to another training: " + difference.get());
            }
            if (c.position().step() > totalSteps) {
                throw new CheckpointException(from + " is at step " + c.position().step() + ", beyond the " + totalSteps
                        + " steps planned");
            }
            if (!from.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.move(from, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return Optional.of(c);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + from + ": " + e.getMessage(), e);
        }
    }

    /** Restores {@code checkpoint}'s state into {@code learner}; returns where training continues. */
    public static TrainerPosition restore(MetaLearner learner, Checkpoint checkpoint) {
        learner.restoreState(checkpoint.state());
        return checkpoint.position();
    }

    /**
     * A hook that writes {@code learner}'s checkpoint every {@code every} steps before the last,
     * with the values {@code reports} gives at that moment.
     */
    public StepHook hook(MetaLearner learner, Supplier<List<ReportedValue>> reports) {
        return position -> {
            if (position.step() % every == 0 && position.step() < totalSteps) {
                write(new Checkpoint(key, totalSteps, position, reports.get(), learner.saveState(), device));
            }
        };
    }

    /** Writes {@code checkpoint} over this training's file. */
    public void write(Checkpoint checkpoint) {
        try {
            CheckpointFormat.write(file, checkpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes this training's checkpoint (it finished); the folder stays (other trainings may write there). */
    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
