package dev.metatune.algorithms.anil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.algorithms.testing.LearningChecks;
import dev.metatune.algorithms.testing.SyntheticTasks;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ANIL learns: adapting the head lowers the support loss, and meta-training beats none on held-out synthetic classes. */
class AnilLearningTest {

    private static final TaskSpec SPEC = new TaskSpec(5, 1, 5);
    private final AnilProvider provider = new AnilProvider();

    private MetaLearner learner(Map<String, Object> values, long seed) {
        LearnerContext context = SyntheticTasks.context(SPEC, SPEC, seed);
        return provider.create(Hyperparameters.of(values), context);
    }

    @Test
    void adaptingTheHeadLowersTheSupportLoss() {
        EpisodeSource source = SyntheticTasks.test(SPEC, 4);
        for (long e = 0; e < 3; e++) {
            Examples support = source.episode(e).support();
            double before;
            double after;
            try (MetaLearner none = learner(Map.of("filters", 16, "test_inner_steps", 0), 3)) {
                before = LearningChecks.supportLoss(none, support);
            }
            try (MetaLearner adapted = learner(Map.of("filters", 16, "test_inner_steps", 5), 3)) {
                after = LearningChecks.supportLoss(adapted, support);
            }
            assertTrue(after < before, "episode " + e + ": support loss " + before + " -> " + after);
        }
    }

    @Test
    void metaTrainingBeatsNoMetaTraining() {
        EpisodeSource train = SyntheticTasks.train(SPEC, 5);
        EpisodeSource test = SyntheticTasks.test(SPEC, 99);
        try (MetaLearner learner = learner(Map.of("filters", 16, "meta_batch", 4, "outer_lr", 3e-3, "test_inner_steps", 5), 7)) {
            double before = SyntheticTasks.evaluate(learner, test, 30);
            SyntheticTasks.train(learner, train, 150);
            double after = SyntheticTasks.evaluate(learner, test, 30);
            System.out.printf("anil synthetic 5-way 1-shot: %.3f before, %.3f after 150 meta-steps%n", before, after);
            assertTrue(after > before + 0.1, "accuracy " + before + " -> " + after);
        }
    }

    @Test
    void describesTestStepsAndBatchNorm() {
        assertEquals(List.of("10 test inner steps (head only)", "transductive BN"),
                provider.describe(Hyperparameters.empty(), TaskKind.CLASSIFICATION));
        assertEquals(List.of("10 test inner steps (head only)", "first-order meta-gradient"),
                provider.describe(Hyperparameters.of(Map.of("first_order", true)), TaskKind.REGRESSION));
        assertEquals(5, provider.defaults(TaskKind.CLASSIFICATION).getInt("inner_steps"), "5 head steps in training");
        assertEquals(1, provider.defaults(TaskKind.REGRESSION).getInt("inner_steps"), "MAML's single regression step");
    }
}
