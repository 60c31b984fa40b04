package dev.metatune.suite;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What one trial and one study may spend. These keys belong to the runner, not to an algorithm:
 * they live under {@code budget:} (suite level, and optionally per algorithm on top of it), never
 * in an algorithm's {@code fixed} or {@code search}.
 *
 * @param trainSteps         meta-training steps (episodes or meta-batches) per tuning trial
 * @param validateEvery      steps between validations; each is reported to the pruner
 * @param validationEpisodes meta-validation episodes per validation
 * @param finalTrainSteps    meta-training steps per seed when the best configuration is retrained
 *                           for the final test
 * @param studyTimeout       wall-clock limit of one study; {@link Duration#ZERO} for none
 * @param checkpointEvery    steps between checkpoints of a running trial (tuning and final
 *                           training), so that a trial whose worker died continues from its latest
 *                           one; 0 for none
 */
public record Budget(int trainSteps, int validateEvery, int validationEpisodes, int finalTrainSteps,
        Duration studyTimeout, int checkpointEvery) {

    /** The keys of a {@code budget:} mapping, which are the runner-owned keys. */
    public static final Set<String> KEYS = Set.of("train_steps", "validate_every", "validation_episodes",
            "final_train_steps", "study_timeout", "checkpoint_every");

    /** The defaults: 1000 steps, validation every 100 on 100 episodes, final training as long, no timeout, no checkpoints. */
    public static final Budget DEFAULT = new Budget(1000, 100, 100, 1000, Duration.ZERO, 0);

    /** A budget without checkpoints. */
    public Budget(int trainSteps, int validateEvery, int validationEpisodes, int finalTrainSteps, Duration studyTimeout) {
        this(trainSteps, validateEvery, validationEpisodes, finalTrainSteps, studyTimeout, 0);
    }

    public Budget {
        Objects.requireNonNull(studyTimeout, "studyTimeout");
        if (trainSteps < 1 || finalTrainSteps < 1 || validationEpisodes < 1) {
            throw new IllegalArgumentException("budget needs train_steps, final_train_steps and validation_episodes"
                    + " >= 1, got " + trainSteps + ", " + finalTrainSteps + ", " + validationEpisodes);
        }
        if (validateEvery < 1 || validateEvery > trainSteps) {
            throw new IllegalArgumentException("budget validate_every must be in [1, train_steps = " + trainSteps
                    + "], got " + validateEvery);
        }
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("budget checkpoint_every must be >= 0 (0 = none), got " + checkpointEvery);
        }
        if (studyTimeout.isNegative()) {
            throw new IllegalArgumentException("budget study_timeout must not be negative, got " + studyTimeout);
        }
    }
}
