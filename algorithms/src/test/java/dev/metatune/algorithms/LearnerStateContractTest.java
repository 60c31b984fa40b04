package dev.metatune.algorithms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.metatune.algorithms.testing.ShortNavigation;
import dev.metatune.data.ImageEpisodeSource;
import dev.metatune.data.sinusoid.SinusoidEpisodeSource;
import dev.metatune.data.synthetic.SyntheticImagePool;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.LearnerState;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.Prediction;
import dev.metatune.learner.ReinforcementLearner;
import dev.metatune.learner.StateTensor;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The state contract of every registered algorithm ({@link MetaLearner#saveState()} and
 * {@link MetaLearner#restoreState}), on CPU with one engine thread: training k steps, saving,
 * restoring into a fresh learner and training m more gives bitwise the losses and predictions of
 * k + m uninterrupted steps (and a fresh learner that is not restored does not, so the comparison can
 * fail); a restored learner saves exactly the state it was given; a state that does not fit (another
 * algorithm, a missing or extra tensor, another shape, a missing counter) is refused before anything
 * changes, and a learner created for another context (3-channel images) refuses it too; with
 * schedules that move within those steps (MAML++, Reptile, MAML), the step count is restored with
 * them (and resetting it changes training); settings that keep other state than the defaults (Reptile's
 * inner Adam afresh per task) are checked as the defaults are. A state is
 * host values, so restoring it on another device is a copy to that device (documented on
 * {@link MetaLearner#restoreState}); only CPU is checked here.
 */
@ExtendWith(OneEngineThread.class)
class LearnerStateContractTest {

    private static final int K = 2;
    private static final int M = 2;

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

    /**
     * Settings under which a learner keeps other training state than with its defaults (Reptile's
     * inner Adam afresh for every task, which saves no moments, where by default its moments and
     * update count are carried across tasks), checked as the defaults are.
     */
    static Stream<Arguments> settingsWithOtherState() {
        return Stream.of(
                Arguments.of("reptile", TaskKind.CLASSIFICATION, Map.of("inner_adam_state", "per_task")),
                Arguments.of("reptile", TaskKind.REGRESSION, Map.of("inner_adam_state", "per_task")));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("providersAndKinds")
    void savedAndRestoredTrainingContinuesBitwise(String name, TaskKind kind) {
        savedAndRestoredTrainingContinuesBitwise(name, kind, Hyperparameters.empty());
    }

    @ParameterizedTest(name = "{0} on {1} with {2}")
    @MethodSource("settingsWithOtherState")
    void savedAndRestoredTrainingContinuesBitwiseWithOtherState(String name, TaskKind kind, Map<String, Object> values) {
        savedAndRestoredTrainingContinuesBitwise(name, kind, Hyperparameters.of(values));
    }

    @ParameterizedTest(name = "{0} on {1} with {2}")
    @MethodSource("settingsWithOtherState")
    void statesThatDoNotFitAreRefusedWithOtherState(String name, TaskKind kind, Map<String, Object> values) {
        statesThatDoNotFitAreRefused(name, kind, Hyperparameters.of(values));
    }

    private void savedAndRestoredTrainingContinuesBitwise(String name, TaskKind kind, Hyperparameters hyperparameters) {
        AlgorithmProvider provider = AlgorithmProvider.registry().get(name);
        EpisodeSource train = source(kind, 1);
        Episode probe = source(kind, 2).episode(0);
        LearnerContext context = context(train, 7);

        List<Double> straightLosses = new ArrayList<>();
        float[] straight;
        try (MetaLearner learner = provider.create(hyperparameters, context)) {
            long next = train(learner, train, 0, K + M, straightLosses);
            assertEquals((long) (K + M) * learner.metaBatchSize(), next);
            straight = predict(learner, probe);
        }

        LearnerState saved;
        List<Double> resumedLosses = new ArrayList<>();
        try (MetaLearner first = provider.create(hyperparameters, context)) {
            train(first, train, 0, K, resumedLosses);
            long live = first.liveArrays();
            saved = first.saveState();
            assertEquals(live, first.liveArrays(), name + ": saving left arrays behind");
            assertEquals(saved, first.saveState(), name + ": saving twice gave two states");
        }
        assertTrue(!saved.tensors().isEmpty(), name + " saved no tensors");
        float[] resumed;
        try (MetaLearner second = provider.create(hyperparameters, context)) {
            long live = second.liveArrays();
            second.restoreState(saved);
            assertEquals(live, second.liveArrays(), name + ": restoring left arrays behind");
            assertEquals(saved, second.saveState(), name + ": a restored learner saves another state");
            train(second, train, (long) K * second.metaBatchSize(), M, resumedLosses);
            resumed = predict(second, probe);
        }
        assertEquals(straightLosses, resumedLosses, name + ": resumed training losses differ from uninterrupted ones");
        assertArrayEquals(straight, resumed, name + ": resumed predictions differ from uninterrupted ones");

        // negative control: the same m steps from a fresh learner that was not restored (unless training
        // changes nothing but the step count, as for a baseline that is never trained: then there is
        // nothing a missed restore could change)
        if (trainingChangesNothing(provider, hyperparameters, context, train)) {
            return;
        }
        List<Double> notRestored = new ArrayList<>();
        try (MetaLearner fresh = provider.create(hyperparameters, context)) {
            train(fresh, train, (long) K * fresh.metaBatchSize(), M, notRestored);
        }
        assertNotEquals(straightLosses.subList(K, K + M), notRestored,
                name + ": training without the restored state gave the same losses, so the comparison cannot fail");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("providersAndKinds")
    void statesThatDoNotFitAreRefusedBeforeAnythingChanges(String name, TaskKind kind) {
        statesThatDoNotFitAreRefused(name, kind, Hyperparameters.empty());
    }

    private void statesThatDoNotFitAreRefused(String name, TaskKind kind, Hyperparameters hyperparameters) {
        AlgorithmProvider provider = AlgorithmProvider.registry().get(name);
        EpisodeSource train = source(kind, 1);
        LearnerContext context = context(train, 7);
        try (MetaLearner trained = provider.create(hyperparameters, context);
             MetaLearner target = provider.create(hyperparameters, context)) {
            train(trained, train, 0, 1, new ArrayList<>());
            LearnerState good = trained.saveState();
            LearnerState before = target.saveState();
            List<StateTensor> tensors = good.tensors();

            LearnerState otherAlgorithm = new LearnerState(good.algorithm() + "-other", good.counters(), tensors);
            assertThrows(IllegalArgumentException.class, () -> target.restoreState(otherAlgorithm), name + ": other algorithm");

            LearnerState missing = new LearnerState(good.algorithm(), good.counters(), tensors.subList(0, tensors.size() - 1));
            assertThrows(IllegalArgumentException.class, () -> target.restoreState(missing), name + ": missing tensor");

            List<StateTensor> reshaped = new ArrayList<>(tensors);
            StateTensor last = reshaped.remove(reshaped.size() - 1);
            reshaped.add(new StateTensor(last.name(), new long[] {last.size()}, last.values()));
            if (last.shape().length != 1) {
                LearnerState wrongShape = new LearnerState(good.algorithm(), good.counters(), reshaped);
                assertThrows(IllegalArgumentException.class, () -> target.restoreState(wrongShape), name + ": shape");
            }
            List<StateTensor> extra = new ArrayList<>(tensors);
            extra.add(new StateTensor("not.a.tensor", new long[] {1}, new float[] {0}));
            LearnerState extraTensor = new LearnerState(good.algorithm(), good.counters(), extra);
            assertThrows(IllegalArgumentException.class, () -> target.restoreState(extraTensor), name + ": extra tensor");

            LearnerState noCounters = new LearnerState(good.algorithm(), java.util.Map.of(), tensors);
            assertThrows(IllegalArgumentException.class, () -> target.restoreState(noCounters), name + ": no counters");

            if (kind == TaskKind.CLASSIFICATION) {
                // a learner for another context (3-channel images): its first convolution has another shape
                int[] shape = train.exampleShape();
                LearnerContext rgb = new LearnerContext(Device.cpu(), kind, new int[] {3, shape[1], shape[2]}, train.spec(),
                        train.spec(), train.classCount(), 7);
                try (MetaLearner other = provider.create(hyperparameters, rgb)) {
                    LearnerState otherBefore = other.saveState();
                    assertThrows(IllegalArgumentException.class, () -> other.restoreState(good), name + ": other context");
                    assertEquals(otherBefore, other.saveState(), name + ": a refused state changed the other learner");
                }
            }

            assertEquals(before, target.saveState(), name + ": a refused state changed the learner");
            target.restoreState(good);
            assertEquals(good, target.saveState());
        }
    }

    /**
     * Settings whose schedules move within the k + m steps (MAML++'s epochs of one step: the
     * multi-step loss weights, derivative-order and cosine annealing, with per-step running
     * statistics; Reptile's outer step annealed to 0 in three steps; MAML's first order before step
     * k - 1, so the first resumed update is second order where a restarted one is not), so that a learner that did not restore its step counter would train differently.
     */
    static Stream<Arguments> schedules() {
        return Stream.of(
                Arguments.of("maml++", Map.of("iterations_per_epoch", 1, "msl_epochs", 3, "first_order_epochs", 2,
                        "total_epochs", 4, "per_step_bn_stats", true, "inner_steps", 2, "test_inner_steps", 2)),
                Arguments.of("reptile", Map.of("outer_steps", 3)),
                Arguments.of("reptile", Map.of("outer_steps", 3, "inner_adam_state", "per_task")),
                Arguments.of("maml", Map.of("first_order_until_step", K - 1)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("schedules")
    void aRestoredLearnerContinuesItsSchedules(String name, Map<String, Object> values) {
        AlgorithmProvider provider = AlgorithmProvider.registry().get(name);
        Hyperparameters hyperparameters = Hyperparameters.of(values);
        EpisodeSource train = source(TaskKind.CLASSIFICATION, 1);
        Episode probe = source(TaskKind.CLASSIFICATION, 2).episode(0);
        LearnerContext context = context(train, 7);

        List<Double> straightLosses = new ArrayList<>();
        float[] straight;
        try (MetaLearner learner = provider.create(hyperparameters, context)) {
            train(learner, train, 0, K + M, straightLosses);
            straight = predict(learner, probe);
        }
        LearnerState saved;
        try (MetaLearner first = provider.create(hyperparameters, context)) {
            train(first, train, 0, K, new ArrayList<>());
            saved = first.saveState();
        }
        assertEquals((long) K, saved.counter("step"), name + ": the saved step count");
        List<Double> resumedLosses = new ArrayList<>(straightLosses.subList(0, K));
        float[] resumed;
        try (MetaLearner second = provider.create(hyperparameters, context)) {
            second.restoreState(saved);
            train(second, train, (long) K * second.metaBatchSize(), M, resumedLosses);
            resumed = predict(second, probe);
        }
        assertEquals(straightLosses, resumedLosses, name + ": resumed losses differ from uninterrupted ones");
        assertArrayEquals(straight, resumed, name + ": resumed predictions differ from uninterrupted ones");

        // negative control: the same arrays with the step count back at 0 put the schedules at their start
        Map<String, Long> counters = new java.util.HashMap<>(saved.counters());
        counters.put("step", 0L);
        List<Double> restarted = new ArrayList<>();
        try (MetaLearner third = provider.create(hyperparameters, context)) {
            third.restoreState(new LearnerState(saved.algorithm(), counters, saved.tensors()));
            train(third, train, (long) K * third.metaBatchSize(), M, restarted);
        }
        assertNotEquals(straightLosses.subList(K, K + M), restarted,
                name + ": the step count did not change training, so the comparison cannot fail");
    }

    private static long train(MetaLearner learner, EpisodeSource source, long first, int steps, List<Double> losses) {
        long next = first;
        for (int s = 0; s < steps; s++) {
            List<Episode> batch = new ArrayList<>();
            for (int i = 0; i < learner.metaBatchSize(); i++) {
                batch.add(source.episode(next++));
            }
            losses.add(learner.metaTrainStep(batch).loss());
        }
        return next;
    }

    private static boolean trainingChangesNothing(AlgorithmProvider provider, Hyperparameters hyperparameters,
                                                  LearnerContext context, EpisodeSource train) {
        try (MetaLearner learner = provider.create(hyperparameters, context)) {
            List<StateTensor> before = learner.saveState().tensors();
            train(learner, train, 0, 1, new ArrayList<>());
            return before.equals(learner.saveState().tensors());
        }
    }

    private static float[] predict(MetaLearner learner, Episode episode) {
        if (episode.kind() == TaskKind.REINFORCEMENT) {
            double[][] returns = ((ReinforcementLearner) learner).adaptationReturns(List.of(episode), 1);
            return new float[] {(float) returns[0][0], (float) returns[1][0]};
        }
        try (AdaptedModel model = learner.adapt(episode.support())) {
            Prediction p = model.predict(episode.query());
            return episode.kind() == TaskKind.CLASSIFICATION ? p.scores() : p.values();
        }
    }

    private static EpisodeSource source(TaskKind kind, long seed) {
        if (kind == TaskKind.REINFORCEMENT) {
            return ShortNavigation.episodes(seed);
        }
        if (kind == TaskKind.REGRESSION) {
            return new SinusoidEpisodeSource(new TaskSpec(1, 5, 10), seed);
        }
        return new ImageEpisodeSource(new SyntheticImagePool(20, 8, 28, 7, 0.05, seed), new TaskSpec(5, 1, 3), seed,
                "synthetic/state");
    }

    private static LearnerContext context(EpisodeSource train, long seed) {
        return new LearnerContext(Device.cpu(), train.kind(), train.exampleShape(), train.spec(), train.spec(),
                train.classCount(), seed);
    }
}
