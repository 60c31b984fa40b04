package dev.metatune.algorithms.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.Device;
import dev.metatune.algorithms.OneEngineThread;
import dev.metatune.algorithms.testing.NativeMemoryChurn;
import dev.metatune.algorithms.testing.ShortNavigation;
import dev.metatune.data.environment.EnvironmentEpisodeSource;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.StateTensor;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two trainings of the policy meta-learner with the same seed give bitwise the same losses,
 * parameters after every meta-step and returns after adaptation, on one engine thread, while the
 * garbage collector runs and native memory is reused around them ({@link NativeMemoryChurn}): nothing the meta-gradient, the Fisher-vector
 * products or the line search read may be memory the collector can free (see
 * {@link dev.metatune.algorithms.training.GraphScalars}). Another seed gives other numbers, so the
 * comparison can fail.
 */
@ExtendWith(OneEngineThread.class)
class PolicyTrainingDeterminismTest {

    private static final int STEPS = 4;
    private static final int META_BATCH = 4;

    /** What one training gave: the loss and a copy of every parameter after each meta-step, then the returns. */
    record Trace(List<Double> losses, List<List<float[]>> parameters, double[][] returns) {
    }

    @Test
    void sameSeedTrainsBitwiseAlikeWhileTheCollectorRuns() throws Exception {
        EpisodeSource train = new EnvironmentEpisodeSource(new ShortNavigation(25), new TaskSpec(1, 10, 10), 1);
        EpisodeSource test = new EnvironmentEpisodeSource(new ShortNavigation(25), new TaskSpec(1, 10, 10), 2);
        Trace first;
        Trace second;
        Trace other;
        try (NativeMemoryChurn churn = NativeMemoryChurn.start()) {
            first = train(train, test, 7);
            second = train(train, test, 7);
            other = train(train, test, 8);
        }
        for (int s = 0; s < STEPS; s++) {
            assertEquals(first.losses().get(s), second.losses().get(s), "same seed, another loss at meta-step " + s);
            List<float[]> a = first.parameters().get(s);
            List<float[]> b = second.parameters().get(s);
            for (int p = 0; p < a.size(); p++) {
                assertArrayEquals(a.get(p), b.get(p), "same seed, parameter " + p + " differs after meta-step " + s);
            }
        }
        for (int k = 0; k < first.returns().length; k++) {
            assertArrayEquals(first.returns()[k], second.returns()[k], "same seed, other returns after " + k + " steps");
        }
        assertNotEquals(first.losses(), other.losses(), "another seed trained alike, so the comparison cannot fail");
    }

    static Trace train(EpisodeSource train, EpisodeSource test, long seed) {
        LearnerContext context = new LearnerContext(Device.cpu(), train.kind(), train.exampleShape(), train.spec(),
                test.spec(), 0, seed);
        PolicyLearnerConfig config = new PolicyLearnerConfig("maml", 32, 0.1, 1, 1, META_BATCH, OuterStep.TRPO, 0.01, 1e-3, false,
                0, PolicyLearnerConfig.DISCOUNT);
        List<Double> losses = new ArrayList<>();
        List<List<float[]>> parameters = new ArrayList<>();
        try (PolicyMetaLearner learner = new PolicyMetaLearner(config, context)) {
            long next = 0;
            for (int s = 0; s < STEPS; s++) {
                List<Episode> batch = new ArrayList<>();
                for (int i = 0; i < META_BATCH; i++) {
                    batch.add(train.episode(next++));
                }
                losses.add(learner.metaTrainStep(batch).loss());
                List<float[]> values = new ArrayList<>();
                for (StateTensor t : learner.saveState().tensors()) {
                    values.add(t.values().clone());
                }
                parameters.add(values);
            }
            double[][] returns = learner.adaptationReturns(List.of(test.episode(0), test.episode(1)), 2);
            return new Trace(losses, parameters, returns);
        }
    }
}
