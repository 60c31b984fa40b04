package dev.metatune.algorithms.mamlpp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.algorithms.testing.LearningChecks;
import dev.metatune.algorithms.testing.SyntheticTasks;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.MetaLearner;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskSpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MAML++ learns: adaptation lowers the support loss, meta-training beats none on held-out classes,
 * and with per-step running statistics the test predictions of a query do not depend on the other
 * queries (non-transductive).
 */
class MamlppLearningTest {

    private static final TaskSpec SPEC = new TaskSpec(5, 1, 5);
    private final MamlppProvider provider = new MamlppProvider();

    private MetaLearner learner(Map<String, Object> values, long seed) {
        Map<String, Object> all = new HashMap<>(Map.of("filters", 16, "iterations_per_epoch", 20, "total_epochs", 10));
        all.putAll(values);
        return provider.create(Hyperparameters.of(all), SyntheticTasks.context(SPEC, SPEC, seed));
    }

    @Test
    void adaptationLowersTheSupportLoss() {
        EpisodeSource source = SyntheticTasks.test(SPEC, 4);
        EpisodeSource train = SyntheticTasks.train(SPEC, 5);
        for (long e = 0; e < 2; e++) {
            Examples support = source.episode(e).support();
            double before;
            double after;
            try (MetaLearner none = learner(Map.of("test_inner_steps", 0, "meta_batch", 2), 3)) {
                SyntheticTasks.train(none, train, 3);
                before = LearningChecks.supportLoss(none, support);
            }
            try (MetaLearner adapted = learner(Map.of("test_inner_steps", 5, "meta_batch", 2), 3)) {
                SyntheticTasks.train(adapted, train, 3);
                after = LearningChecks.supportLoss(adapted, support);
            }
            assertTrue(after < before, "episode " + e + ": support loss " + before + " -> " + after);
        }
    }

    @Test
    void metaTrainingBeatsNoMetaTraining() {
        EpisodeSource train = SyntheticTasks.train(SPEC, 5);
        EpisodeSource test = SyntheticTasks.test(SPEC, 99);
        try (MetaLearner learner = learner(Map.of("meta_batch", 4, "inner_steps", 2, "test_inner_steps", 2, "outer_lr", 3e-3), 7)) {
            SyntheticTasks.train(learner, train, 2);
            double before = SyntheticTasks.evaluate(learner, test, 30);
            SyntheticTasks.train(learner, train, 100);
            double after = SyntheticTasks.evaluate(learner, test, 30);
            System.out.printf("maml++ synthetic 5-way 1-shot: %.3f after 2, %.3f after 102 meta-steps%n", before, after);
            assertTrue(after > before + 0.1, "accuracy " + before + " -> " + after);
        }
    }

    @Test
    void runningStatisticsMakeTestPredictionsIndependentOfTheOtherQueries() {
        EpisodeSource train = SyntheticTasks.train(SPEC, 5);
        Episode episode = SyntheticTasks.test(SPEC, 6).episode(0);
        Examples query = episode.query();
        int per = query.valuesPerExample();
        Examples first = Examples.classified(Arrays.copyOf(query.inputs(), 3 * per), query.exampleShape(),
                Arrays.copyOf(query.labels(), 3));
        try (MetaLearner learner = learner(Map.of("meta_batch", 2, "inner_steps", 2, "test_inner_steps", 2,
                     "per_step_bn_stats", true), 9);
             MetaLearner transductive = learner(Map.of("meta_batch", 2, "inner_steps", 2, "test_inner_steps", 2), 9)) {
            SyntheticTasks.train(learner, train, 3);
            SyntheticTasks.train(transductive, train, 3);
            try (AdaptedModel model = learner.adapt(episode.support());
                 AdaptedModel batchNorm = transductive.adapt(episode.support())) {
                float[] all = Arrays.copyOf(model.predict(query).scores(), 15);
                float[] some = model.predict(first).scores();
                assertArrayEquals(all, some, 1e-5f, "per-step running statistics: a query's scores depend on the others");
                float[] allT = Arrays.copyOf(batchNorm.predict(query).scores(), 15);
                float[] someT = batchNorm.predict(first).scores();
                assertTrue(!Arrays.equals(allT, someT), "batch statistics did not change with the batch: the check cannot fail");
            }
        }
    }
}
