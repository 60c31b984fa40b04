package dev.metatune.algorithms.rl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.metatune.data.environment.EnvironmentEpisodeSource;
import dev.metatune.data.nav2d.Nav2dFamily;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.ReinforcementLearner;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MAML learns on the 2D navigation of Finn, Abbeel and Levine (ICML 2017, section 5.3), through the
 * registered {@code maml}, {@code reptile} and {@code random} providers at a small budget (a 32-32 policy, meta-batches
 * of 10 tasks, 10 support and 10 query trajectories of 100 steps): after a short meta-training, the
 * average return on fixed test tasks rises with one and two policy-gradient steps, and after
 * adaptation it, and Reptile's, is above that of the {@code random} baseline trained (that is, left as initialised)
 * on the same tasks with the same budget.
 */
class Nav2dAdaptationTest {

    static final int META_STEPS = 15;
    static final int TEST_TASKS = 10;
    static final int ADAPTATION_STEPS = 2;
    static final Map<String, Object> SMALL = Map.of("hidden", 32, "meta_batch", 10, "inner_lr", 0.1,
            "test_inner_steps", ADAPTATION_STEPS);

    @Test
    void mamlImprovesWithAdaptationStepsAndItAndReptileBeatTheRandomBaseline() {
        double[] maml = averageReturns("maml");
        double[] reptile = averageReturns("reptile");
        double[] random = averageReturns("random");
        String curves = "maml " + Arrays.toString(maml) + ", reptile " + Arrays.toString(reptile) + ", random "
                + Arrays.toString(random);
        for (int k = 1; k <= ADAPTATION_STEPS; k++) {
            assertTrue(maml[k] > maml[0], "maml's return after " + k + " steps is not above that after 0: " + curves);
        }
        assertTrue(maml[ADAPTATION_STEPS] > random[ADAPTATION_STEPS],
                "maml after adaptation does not beat the random baseline at equal budget: " + curves);
        assertTrue(reptile[ADAPTATION_STEPS] > random[ADAPTATION_STEPS],
                "reptile after adaptation does not beat the random baseline at equal budget: " + curves);
    }

    /** The average return over the fixed test tasks after 0 .. ADAPTATION_STEPS steps, after META_STEPS meta-steps. */
    static double[] averageReturns(String algorithm) {
        TaskSpec spec = new TaskSpec(1, 10, 10);
        EpisodeSource train = new EnvironmentEpisodeSource(new Nav2dFamily(), spec, 1);
        EpisodeSource test = new EnvironmentEpisodeSource(new Nav2dFamily(), spec, 2);
        LearnerContext context = new LearnerContext(Device.cpu(), train.kind(), train.exampleShape(), spec, spec, 0, 3);
        try (MetaLearner learner = AlgorithmProvider.registry().get(algorithm).create(Hyperparameters.of(SMALL), context)) {
            long next = 0;
            for (int s = 0; s < META_STEPS; s++) {
                List<Episode> batch = new ArrayList<>();
                for (int i = 0; i < learner.metaBatchSize(); i++) {
                    batch.add(train.episode(next++));
                }
                learner.metaTrainStep(batch);
            }
            List<Episode> tasks = new ArrayList<>();
            for (int i = 0; i < TEST_TASKS; i++) {
                tasks.add(test.episode(i));
            }
            double[][] returns = ((ReinforcementLearner) learner).adaptationReturns(tasks, ADAPTATION_STEPS);
            double[] mean = new double[returns.length];
            for (int k = 0; k < returns.length; k++) {
                mean[k] = Arrays.stream(returns[k]).average().orElseThrow();
            }
            return mean;
        }
    }
}
