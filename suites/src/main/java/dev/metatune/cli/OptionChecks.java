package dev.metatune.cli;

import dev.metatune.data.Dataset;
import dev.metatune.error.UserInputException;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.task.TaskSpec;
import java.util.Locale;

/**
 * Checks of command-line option values that picocli's types do not make: each failure is a
 * {@link UserInputException} naming the option and the value, so that nothing the user typed reaches
 * a constructor deep inside as an {@link IllegalArgumentException} (which would be exit 1).
 */
final class OptionChecks {

    private OptionChecks() {
    }

    /** Fails unless {@code value >= min}. */
    static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new UserInputException(option + " must be at least " + min + ", got " + value);
        }
    }

    /** The episode shape of {@code --ways}, {@code --shots} and {@code --queries}, each at least 1. */
    static TaskSpec episodeShape(int ways, int shots, int queries) {
        atLeast("--ways", ways, 1);
        atLeast("--shots", shots, 1);
        atLeast("--queries", queries, 1);
        return new TaskSpec(ways, shots, queries);
    }

    /** Fails unless {@code algorithm} can learn the tasks of {@code dataset}. */
    static void learns(AlgorithmProvider algorithm, Dataset dataset) {
        if (!algorithm.supportedKinds().contains(dataset.kind())) {
            throw new UserInputException("--algorithm " + algorithm.name() + " cannot learn the "
                    + dataset.kind().name().toLowerCase(Locale.ROOT) + " tasks of --dataset " + dataset.name()
                    + "; it learns " + algorithm.supportedKinds().stream()
                    .map(k -> k.name().toLowerCase(Locale.ROOT)).sorted().toList());
        }
    }
}
