package dev.metatune.algorithms.mann;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.metatune.data.ImageEpisodeSource;
import dev.metatune.data.synthetic.SyntheticImagePool;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MANN learns the sequence format of Santoro et al. within 100 meta-steps on fresh episodes (8 x 8
 * synthetic classes disjoint from the training ones, 5-way 1-shot sequences): the accuracy at a
 * class's 1st presentation rises from chance (0.2) towards the 0.46 of guessing among the labels not
 * yet shown, which needs the previous-label input and the controller's recurrence (the paper's MANN
 * reaches 0.364 there on Omniglot, Table 1). This is not yet the memory's one-shot binding: the
 * query accuracy after the support sequence is not asserted here (see the report of issue 14).
 */
class MannSequenceLearningTest {

    private static final int SIZE = 8;

    @Test
    void firstInstanceAccuracyOnFreshEpisodesRisesAboveChance() {
        TaskSpec spec = new TaskSpec(5, 1, 3);
        EpisodeSource train = new ImageEpisodeSource(new SyntheticImagePool(40, 20, SIZE, 4, 0.05, 11), spec, 5,
                "synthetic/train");
        EpisodeSource test = new ImageEpisodeSource(new SyntheticImagePool(30, 20, SIZE, 4, 0.05, 23), spec, 99,
                "synthetic/test");
        LearnerContext context = new LearnerContext(Device.cpu(), TaskKind.CLASSIFICATION, new int[] {1, SIZE, SIZE},
                spec, spec, 40, 7);
        List<Episode> fresh = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fresh.add(test.episode(i));
        }
        try (MannLearner learner = (MannLearner) new MannProvider().create(
                Hyperparameters.of(Map.of("memory_slots", 8, "lr", 3e-3)), context)) {
            InstanceAccuracy before = learner.instanceAccuracy(fresh, 3);
            int b = learner.metaBatchSize();
            for (int s = 0; s < 100; s++) {
                List<Episode> batch = new ArrayList<>();
                for (int i = 0; i < b; i++) {
                    batch.add(train.episode((long) s * b + i));
                }
                learner.metaTrainStep(batch);
            }
            InstanceAccuracy after = learner.instanceAccuracy(fresh, 3);
            System.out.printf("mann 5w1s sequences on fresh episodes: before %s, after 100 steps %s%n",
                    before.describe(1), after.describe(1));
            assertTrue(before.at(1) < 0.3, "untrained 1st-instance accuracy " + before.at(1) + " (chance 0.2)");
            assertTrue(after.at(1) > 0.35, "1st-instance accuracy after 100 steps " + after.at(1)
                    + " (chance 0.2, guessing among unseen labels 0.46)");
        }
    }
}
