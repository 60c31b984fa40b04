package dev.metatune.algorithms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.metatune.data.ImageEpisodeSource;
import dev.metatune.data.sinusoid.SinusoidEpisodeSource;
import dev.metatune.algorithms.testing.NativeMemoryChurn;
import dev.metatune.algorithms.testing.ShortNavigation;
import dev.metatune.data.synthetic.SyntheticImagePool;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.Prediction;
import dev.metatune.learner.ReinforcementLearner;
import dev.metatune.learner.StepResult;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every registered algorithm keeps, run over all providers that {@link java.util.ServiceLoader}
 * finds, on synthetic image classification tasks and, where supported, sinusoid regression and short
 * 2D navigation tasks (reinforcement learning): it is created with its defaults, trains a few steps,
 * adapts, predicts with the right shapes (or, for reinforcement learning, reports the returns after
 * 0 and 1 adaptation steps), gives the
 * same numbers (bitwise) for the same seed and other numbers for another, holds a stable number of
 * native arrays, and closes. The runs go on one engine thread while the garbage collector runs and
 * freed native memory is refilled with NaN ({@link NativeMemoryChurn}), so a learner that lets the
 * engine read memory the collector may free fails the bitwise comparison. What providers declare is
 * checked by {@link ProviderDeclarationContractTest}.
 */
@ExtendWith(OneEngineThread.class)
class AlgorithmContractTest {

    private static final int STEPS = 2;

    static Stream<Arguments> providersAndKinds() {
        List<Arguments> out = new ArrayList<>();
        for (AlgorithmProvider p : AlgorithmProvider.registry().all()) {
            for (TaskKind kind : TaskKind.values()) {
                if (p.supportedKinds().contains(kind)) {
                    out.add(Arguments.of(p.name(), kind));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("providersAndKinds")
    void trainsAdaptsPredictsDeterministicallyAndCloses(String name, TaskKind kind) throws Exception {
        AlgorithmProvider provider = AlgorithmProvider.registry().get(name);
        EpisodeSource train = source(kind, 1);
        EpisodeSource test = source(kind, 2);
        Run first;
        Run second;
        try (NativeMemoryChurn churn = NativeMemoryChurn.start()) {
            first = run(provider, kind, train, test, 7);
            second = run(provider, kind, train, test, 7);
        }
        assertEquals(first.losses(), second.losses(), name + ": same seed, different training losses");
        assertArrayEquals(first.scores(), second.scores(), name + ": same seed, different predictions");
        assertEquals(first.parameterCount(), second.parameterCount(), name + ": same configuration, different parameter counts");
        Run other = run(provider, kind, train, test, 8);
        assertFalse(java.util.Arrays.equals(first.scores(), other.scores()),
                name + ": another seed gave the same predictions, so the comparison above cannot fail");
    }

    private record Run(List<Double> losses, float[] scores, long parameterCount) {
    }

    private static Run run(AlgorithmProvider provider, TaskKind kind, EpisodeSource train, EpisodeSource test, long seed) {
        List<Double> losses = new ArrayList<>();
        float[] scores;
        long parameters;
        MetaLearner learner = provider.create(Hyperparameters.empty(), context(train, test, seed));
        try {
            parameters = learner.parameterCount();
            assertTrue(parameters > 0, "no parameters");
            assertTrue(learner.metaBatchSize() >= 1, "meta-batch size " + learner.metaBatchSize());
            long[] live = new long[STEPS];
            long next = 0;
            for (int s = 0; s < STEPS; s++) {
                List<Episode> batch = new ArrayList<>();
                for (int i = 0; i < learner.metaBatchSize(); i++) {
                    batch.add(train.episode(next++));
                }
                StepResult r = learner.metaTrainStep(batch);
                assertTrue(Double.isFinite(r.loss()), "loss " + r.loss());
                if (kind == TaskKind.CLASSIFICATION) {
                    assertTrue(r.accuracy() >= 0 && r.accuracy() <= 1, "accuracy " + r.accuracy());
                } else {
                    assertTrue(Double.isNaN(r.accuracy()), "regression accuracy should be NaN, got " + r.accuracy());
                }
                losses.add(r.loss());
                live[s] = learner.liveArrays();
            }
            assertTrue(live[0] >= 0, provider.name() + " cannot count its native arrays (liveArrays() = -1)");
            assertEquals(live[0], live[STEPS - 1], provider.name() + ": native arrays grow from step to step");
            if (kind == TaskKind.REINFORCEMENT) {
                scores = returnsAfterAdaptation(learner, test);
                assertEquals(live[STEPS - 1], learner.liveArrays(), provider.name() + ": adapting left arrays behind");
                assertEquals(parameters, learner.parameterCount(), provider.name() + ": training and adapting changed the parameter count");
                return new Run(losses, scores, parameters);
            }
            Episode episode = test.episode(0);
            int count = episode.query().count();
            try (AdaptedModel model = learner.adapt(episode.support())) {
                Prediction p = model.predict(episode.query());
                assertNotNull(p);
                if (kind == TaskKind.CLASSIFICATION) {
                    int ways = test.spec().ways();
                    assertEquals(count, p.labels().length, "one label per query");
                    assertEquals(count * ways, p.scores().length, "ways scores per query");
                    for (int label : p.labels()) {
                        assertTrue(label >= 0 && label < ways, "label " + label);
                    }
                    scores = p.scores();
                } else {
                    assertEquals(count, p.values().length, "one value per query");
                    scores = p.values();
                }
                for (float f : scores) {
                    assertTrue(Float.isFinite(f), "non-finite prediction " + f);
                }
            }
            assertEquals(live[STEPS - 1], learner.liveArrays(), provider.name() + ": closing the adapted model left arrays behind");
            assertEquals(parameters, learner.parameterCount(), provider.name() + ": training and adapting changed the parameter count");
        } finally {
            learner.close();
        }
        learner.close(); // closing twice is harmless
        assertEquals(0, learner.liveArrays(), provider.name() + ": arrays left after close");
        return new Run(losses, scores, parameters);
    }

    /** A reinforcement learner's returns on two test tasks after 0 and 1 adaptation steps, as scores. */
    private static float[] returnsAfterAdaptation(MetaLearner learner, EpisodeSource test) {
        assertTrue(learner instanceof ReinforcementLearner, learner.getClass().getSimpleName()
                + " supports reinforcement learning but is no ReinforcementLearner");
        double[][] returns = ((ReinforcementLearner) learner).adaptationReturns(List.of(test.episode(0), test.episode(1)), 1);
        assertEquals(2, returns.length, "returns after 0 and 1 steps");
        float[] scores = new float[4];
        for (int k = 0; k < 2; k++) {
            assertEquals(2, returns[k].length, "one return per task");
            for (int i = 0; i < 2; i++) {
                assertTrue(Double.isFinite(returns[k][i]) && returns[k][i] <= 0, "navigation returns are <= 0: " + returns[k][i]);
                scores[2 * k + i] = (float) returns[k][i];
            }
        }
        return scores;
    }

    private static EpisodeSource source(TaskKind kind, long seed) {
        if (kind == TaskKind.REINFORCEMENT) {
            return ShortNavigation.episodes(seed);
        }
        if (kind == TaskKind.REGRESSION) {
            return new SinusoidEpisodeSource(new TaskSpec(1, 5, 10), seed);
        }
        return new ImageEpisodeSource(new SyntheticImagePool(20, 8, 28, 7, 0.05, seed), new TaskSpec(5, 1, 3), seed,
                "synthetic/contract");
    }

    private static LearnerContext context(EpisodeSource train, EpisodeSource test, long seed) {
        return new LearnerContext(Device.cpu(), train.kind(), train.exampleShape(), train.spec(), test.spec(),
                train.classCount(), seed);
    }
}
