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
 */
public record Budget(int trainSteps, int validateEvery, int validationEpisodes, int finalTrainSteps,
        Duration studyTimeout) {

    /** The keys of a {@code budget:} mapping, which are the runner-owned keys. */
    public static final Set<String> KEYS = Set.of("train_steps", "validate_every", "validation_episodes",
            "final_train_steps", "study_timeout");

    /** The defaults: 1000 steps, validation every 100 on 100 episodes, final training as long, no timeout. */
    public static final Budget DEFAULT = new Budget(1000, 100, 100, 1000, Duration.ZERO);

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
        if (studyTimeout.isNegative()) {
            throw new IllegalArgumentException("budget study_timeout must not be negative, got " + studyTimeout);
        }
    }
}
