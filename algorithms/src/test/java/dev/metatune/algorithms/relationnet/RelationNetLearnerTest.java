package dev.metatune.algorithms.relationnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.algorithms.testing.HarderSyntheticTasks;
import dev.metatune.algorithms.testing.SyntheticTasks;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.MetaLearner;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Relation Networks learn; the paper's parameter count and training shapes. */
class RelationNetLearnerTest {

    private static final TaskSpec SPEC = new TaskSpec(5, 1, 4);

    @Test
    void learnsOnSyntheticTasks() {
        EpisodeSource test = HarderSyntheticTasks.test(SPEC, 99);
        EpisodeSource train = HarderSyntheticTasks.train(new TaskSpec(5, 1, 6), 5);
        try (MetaLearner learner = new RelationNetProvider().create(Hyperparameters.of(Map.of("filters", 32)),
                SyntheticTasks.context(SPEC, SPEC, 7))) {
            double before = SyntheticTasks.evaluate(learner, test, 40);
            double firstLoss = 0;
            double lastLoss = 0;
            int steps = 150;
            for (int s = 0; s < steps; s++) {
                double loss = learner.metaTrainStep(List.of(train.episode(s))).loss();
                if (s < 20) {
                    firstLoss += loss / 20;
                } else if (s >= steps - 20) {
                    lastLoss += loss / 20;
                }
            }
            double after = SyntheticTasks.evaluate(learner, test, 40);
            System.out.printf("relationnet: loss %.4f -> %.4f, accuracy %.3f -> %.3f%n", firstLoss, lastLoss, before, after);
            assertTrue(lastLoss < firstLoss, "query loss did not fall: " + firstLoss + " -> " + lastLoss);
            assertTrue(after > before + 0.1, "accuracy " + before + " -> " + after + " (chance 0.2)");
        }
    }

    @Test
    void parameterCountIsTheAuthorsOmniglotNetwork() {
        try (MetaLearner learner = new RelationNetProvider().create(Hyperparameters.empty(),
                SyntheticTasks.context(SPEC, SPEC, 1))) {
            // embedding: 640 + 3 x 36928 conv, 4 x 128 BN; relation: 73792 + 36928 conv, 2 x 128 BN; fc 64x8+8, 8+1
            long expected = 640 + 3 * 36_928 + 4 * 128 + 73_792 + 36_928 + 2 * 128 + 520 + 9;
            assertEquals(expected, learner.parameterCount());
        }
    }

    @Test
    void trainingEpisodesFollowThePaper() {
        RelationNetProvider p = new RelationNetProvider();
        assertEquals(new TaskSpec(5, 1, 19), p.trainingSpec(Hyperparameters.empty(), new TaskSpec(5, 1, 15)));
        assertEquals(new TaskSpec(5, 5, 15), p.trainingSpec(Hyperparameters.empty(), new TaskSpec(5, 5, 15)));
        assertEquals(new TaskSpec(20, 1, 10), p.trainingSpec(Hyperparameters.empty(), new TaskSpec(20, 1, 15)));
        assertEquals(new TaskSpec(20, 5, 5), p.trainingSpec(Hyperparameters.empty(), new TaskSpec(20, 5, 15)));
        assertEquals(new TaskSpec(10, 3, 7), p.trainingSpec(Hyperparameters.of(Map.of("train_queries", 7)),
                new TaskSpec(10, 3, 15)));
    }
}
