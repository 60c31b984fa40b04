package dev.metatune.algorithms.reptile;

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

/** Reptile learns: inner steps lower the support loss; meta-training beats none on held-out classes; annealing. */
class ReptileLearningTest {

    private static final TaskSpec SPEC = new TaskSpec(5, 1, 5);
    private final ReptileProvider provider = new ReptileProvider();

    private MetaLearner learner(Map<String, Object> values, long seed) {
        return provider.create(Hyperparameters.of(values), SyntheticTasks.context(SPEC, SPEC, seed));
    }

    @Test
    void innerStepsLowerTheSupportLoss() {
        EpisodeSource source = SyntheticTasks.test(SPEC, 4);
        for (long e = 0; e < 3; e++) {
            Examples support = source.episode(e).support();
            double before;
            double after;
            try (MetaLearner none = learner(Map.of("filters", 16, "test_inner_steps", 0), 3)) {
                before = LearningChecks.supportLoss(none, support);
            }
            try (MetaLearner adapted = learner(Map.of("filters", 16, "test_inner_steps", 10), 3)) {
                after = LearningChecks.supportLoss(adapted, support);
            }
            assertTrue(after < before, "episode " + e + ": support loss " + before + " -> " + after);
        }
    }

    @Test
    void metaTrainingBeatsNoMetaTraining() {
        EpisodeSource train = SyntheticTasks.train(SPEC, 5);
        EpisodeSource test = SyntheticTasks.test(SPEC, 99);
        // few test steps, so that what the initialisation has learned shows
        Map<String, Object> values = Map.of("filters", 16, "inner_optimizer", "sgd", "inner_lr", 0.1, "meta_batch", 4,
                "outer_steps", 200, "test_inner_steps", 5);
        try (MetaLearner learner = learner(values, 7)) {
            double before = SyntheticTasks.evaluate(learner, test, 30);
            SyntheticTasks.train(learner, train, 200);
            double after = SyntheticTasks.evaluate(learner, test, 30);
            System.out.printf("reptile synthetic 5-way 1-shot: %.3f before, %.3f after 200 meta-steps%n", before, after);
            assertTrue(after > before + 0.1, "accuracy " + before + " -> " + after);
        }
    }

    @Test
    void outerStepFallsLinearlyToZero() {
        ReptileConfig config = ReptileConfig.from(provider.defaults(TaskKind.CLASSIFICATION)
                .with(Hyperparameters.of(Map.of("outer_step", 0.5, "outer_steps", 10))));
        assertEquals(0.5, config.outerStepAt(0), 1e-15);
        assertEquals(0.25, config.outerStepAt(5), 1e-15);
        assertEquals(0.0, config.outerStepAt(10), 1e-15);
        assertEquals(0.0, config.outerStepAt(20), 1e-15);
    }

    @Test
    void trainsOnTenShotsAndDescribesTheTestAdaptation() {
        assertEquals(new TaskSpec(5, 10, 5), provider.trainingSpec(Hyperparameters.empty(), new TaskSpec(5, 1, 15)));
        assertEquals(new TaskSpec(5, 1, 15),
                provider.trainingSpec(Hyperparameters.of(Map.of("train_shots", 0)), new TaskSpec(5, 1, 15)));
        assertEquals(List.of("50 test inner steps (batch 5, adam)", "transductive BN", "inner Adam state kept across tasks"),
                provider.describe(Hyperparameters.empty(), TaskKind.CLASSIFICATION));
        assertEquals(List.of("50 test inner steps (batch 5, adam)", "transductive BN"),
                provider.describe(Hyperparameters.of(Map.of("inner_adam_state", "per_task")), TaskKind.CLASSIFICATION));
        assertEquals(List.of("50 test inner steps (batch 5, sgd)", "non-transductive BN", "serial Reptile"),
                provider.describe(Hyperparameters.of(Map.of("inner_optimizer", "sgd", "transductive_bn", false, "meta_batch", 1)),
                        TaskKind.CLASSIFICATION));
    }
}
