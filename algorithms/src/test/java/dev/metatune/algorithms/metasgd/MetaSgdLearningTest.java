package dev.metatune.algorithms.metasgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.algorithms.testing.LearningChecks;
import dev.metatune.algorithms.testing.SyntheticTasks;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.MetaLearner;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Meta-SGD learns: a step with the rates lowers the support loss; meta-training beats none on held-out classes. */
class MetaSgdLearningTest {

    private static final TaskSpec SPEC = new TaskSpec(5, 1, 5);
    private final MetaSgdProvider provider = new MetaSgdProvider();

    private MetaLearner learner(Map<String, Object> values, long seed) {
        return provider.create(Hyperparameters.of(values), SyntheticTasks.context(SPEC, SPEC, seed));
    }

    @Test
    void aStepWithTheLearnedRatesLowersTheSupportLoss() {
        EpisodeSource source = SyntheticTasks.test(SPEC, 4);
        for (long e = 0; e < 3; e++) {
            Examples support = source.episode(e).support();
            double before;
            double after;
            try (MetaLearner none = learner(Map.of("filters", 16, "test_inner_steps", 0), 3)) {
                before = LearningChecks.supportLoss(none, support);
            }
            try (MetaLearner adapted = learner(Map.of("filters", 16, "test_inner_steps", 1), 3)) {
                after = LearningChecks.supportLoss(adapted, support);
            }
            assertTrue(after < before, "episode " + e + ": support loss " + before + " -> " + after);
        }
    }

    @Test
    void metaTrainingBeatsNoMetaTraining() {
        EpisodeSource train = SyntheticTasks.train(SPEC, 5);
        EpisodeSource test = SyntheticTasks.test(SPEC, 99);
        try (MetaLearner learner = learner(Map.of("filters", 16, "meta_batch", 4, "outer_lr", 3e-3), 7)) {
            double before = SyntheticTasks.evaluate(learner, test, 30);
            SyntheticTasks.train(learner, train, 150);
            double after = SyntheticTasks.evaluate(learner, test, 30);
            System.out.printf("metasgd synthetic 5-way 1-shot: %.3f before, %.3f after 150 meta-steps%n", before, after);
            assertTrue(after > before + 0.1, "accuracy " + before + " -> " + after);
        }
    }

    @Test
    void describesTestStepsAndBatchNorm() {
        assertEquals(List.of("1 test inner steps (learned rates)", "transductive BN"),
                provider.describe(Hyperparameters.empty(), TaskKind.CLASSIFICATION));
    }
}
