package dev.metatune.algorithms.metalstm;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The LSTM meta-learner learns: its updates lower the support loss; meta-training beats none on held-out classes. */
class MetaLstmLearningTest {

    private static final TaskSpec SPEC = new TaskSpec(5, 1, 5);
    private final MetaLstmProvider provider = new MetaLstmProvider();

    private MetaLearner learner(Map<String, Object> values, long seed) {
        Map<String, Object> all = new HashMap<>(Map.of("filters", 16));
        all.putAll(values);
        return provider.create(Hyperparameters.of(all), SyntheticTasks.context(SPEC, SPEC, seed));
    }

    @Test
    void updatesLowerTheSupportLoss() {
        EpisodeSource source = SyntheticTasks.test(SPEC, 4);
        for (long e = 0; e < 3; e++) {
            Examples support = source.episode(e).support();
            double before;
            double after;
            try (MetaLearner none = learner(Map.of("test_inner_steps", 0), 3)) {
                before = LearningChecks.supportLoss(none, support);
            }
            try (MetaLearner adapted = learner(Map.of("test_inner_steps", 12), 3)) {
                after = LearningChecks.supportLoss(adapted, support);
            }
            assertTrue(after < before, "episode " + e + ": support loss " + before + " -> " + after);
        }
    }

    @Test
    void metaTrainingBeatsNoMetaTraining() {
        EpisodeSource train = SyntheticTasks.train(SPEC, 5);
        EpisodeSource test = SyntheticTasks.test(SPEC, 99);
        try (MetaLearner learner = learner(Map.of("meta_batch", 2, "outer_lr", 3e-3, "inner_steps", 5, "test_inner_steps", 5), 7)) {
            double before = SyntheticTasks.evaluate(learner, test, 30);
            SyntheticTasks.train(learner, train, 150);
            double after = SyntheticTasks.evaluate(learner, test, 30);
            System.out.printf("meta-lstm synthetic 5-way 1-shot: %.3f before, %.3f after 150 meta-steps%n", before, after);
            assertTrue(after > before + 0.1, "accuracy " + before + " -> " + after);
        }
    }

    @Test
    void describesTestUpdatesAndBatchNorm() {
        assertEquals(List.of("12 test LSTM updates", "non-transductive BN (support statistics)"),
                provider.describe(Hyperparameters.empty(), TaskKind.CLASSIFICATION));
    }
}
