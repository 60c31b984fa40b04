package dev.metatune.algorithms.reptile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.algorithms.OneEngineThread;
import dev.metatune.algorithms.testing.SyntheticTasks;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerState;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.StateTensor;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code inner_adam_state=persistent} on the Conv-4 network, one engine thread: the inner Adam's
 * moments and update count are carried across tasks and meta-steps (and change what training and
 * test adaptation give, against both a fresh Adam per task and a restored state whose moments were
 * zeroed), test adaptation leaves them unchanged, and a state saved with the other setting is
 * refused. The closed form of the carried-over update is {@link ReptileClosedFormTest}'s; bitwise
 * save and restore is the learner-state contract test's.
 */
@ExtendWith(OneEngineThread.class)
class ReptilePersistentAdamTest {

    private static final TaskSpec SPEC = new TaskSpec(5, 1, 3);
    private static final Map<String, Object> SMALL = Map.of("filters", 8, "train_shots", 2, "train_queries", 2,
            "inner_steps", 3, "meta_batch", 2, "test_inner_steps", 4);

    private final ReptileProvider provider = new ReptileProvider();
    private final EpisodeSource train = SyntheticTasks.train(new TaskSpec(5, 2, 2), 5);
    private final Episode probe = SyntheticTasks.test(SPEC, 9).episode(0);

    private MetaLearner learner(String adamState) {
        Map<String, Object> values = new HashMap<>(SMALL);
        values.put("inner_adam_state", adamState);
        return provider.create(Hyperparameters.of(values), SyntheticTasks.context(new TaskSpec(5, 2, 2), SPEC, 3));
    }

    private List<Double> train(MetaLearner learner, int firstStep, int steps) {
        List<Double> losses = new ArrayList<>();
        for (int s = firstStep; s < firstStep + steps; s++) {
            List<Episode> batch = new ArrayList<>();
            for (int i = 0; i < learner.metaBatchSize(); i++) {
                batch.add(train.episode((long) s * learner.metaBatchSize() + i));
            }
            losses.add(learner.metaTrainStep(batch).loss());
        }
        return losses;
    }

    private float[] predict(MetaLearner learner) {
        try (AdaptedModel model = learner.adapt(probe.support())) {
            return model.predict(probe.query()).scores();
        }
    }

    @Test
    void theMomentsAndUpdateCountCarryAcrossTasksAndMetaSteps() {
        try (MetaLearner persistent = learner("persistent"); MetaLearner perTask = learner("per_task")) {
            List<Double> persistentLosses = train(persistent, 0, 2);
            List<Double> perTaskLosses = train(perTask, 0, 2);
            assertEquals(2L * 2 * 3, ((ReptileLearner) persistent).innerAdamSteps(), "2 meta-steps of 2 tasks of 3 updates");
            // the first task of the first batch starts from zero moments either way; its partner does not
            assertNotEquals(perTaskLosses.get(0), persistentLosses.get(0), "the second task started afresh");
            assertNotEquals(perTaskLosses.get(1), persistentLosses.get(1));
            LearnerState state = persistent.saveState();
            assertEquals(12L, state.counter(InnerAdamState.STEPS));
            StateTensor v = state.tensors().stream().filter(t -> t.name().startsWith("inner_adam.v.")).findFirst().orElseThrow();
            assertTrue(max(v.values()) > 0, "the saved second moment is zero");
            assertFalse(perTask.saveState().counters().containsKey(InnerAdamState.STEPS), "a fresh-per-task Adam saved a count");
        }
    }

    @Test
    void testAdaptationStartsFromTheMomentsAndLeavesThemUnchanged() {
        try (MetaLearner adapted = learner("persistent"); MetaLearner untouched = learner("persistent");
             MetaLearner zeroed = learner("persistent")) {
            train(adapted, 0, 2);
            train(untouched, 0, 2);
            LearnerState before = adapted.saveState();
            float[] first = predict(adapted);
            float[] second = predict(adapted);
            assertEquals(before, adapted.saveState(), "test adaptation changed the training state");
            assertArrayEquals(first, second, "two adaptations to the same support set differ");
            assertEquals(train(untouched, 2, 2), train(adapted, 2, 2), "training after a test adaptation differs");

            // the same state with the moments and the update count zeroed: test adaptation and training differ
            zeroed.restoreState(zeroMoments(before));
            assertFalse(java.util.Arrays.equals(first, predict(zeroed)), "test adaptation ignored the persisted moments");
            try (MetaLearner restored = learner("persistent")) {
                restored.restoreState(before);
                assertArrayEquals(first, predict(restored));
                assertNotEquals(train(restored, 2, 1), train(zeroed, 2, 1), "training ignored the restored moments");
            }
        }
    }

    @Test
    void aStateOfTheOtherSettingIsRefused() {
        try (MetaLearner persistent = learner("persistent"); MetaLearner perTask = learner("per_task")) {
            train(persistent, 0, 1);
            train(perTask, 0, 1);
            LearnerState persistentBefore = persistent.saveState();
            LearnerState perTaskBefore = perTask.saveState();
            assertThrows(IllegalArgumentException.class, () -> persistent.restoreState(perTaskBefore));
            assertThrows(IllegalArgumentException.class, () -> perTask.restoreState(persistentBefore));
            assertEquals(persistentBefore, persistent.saveState());
            assertEquals(perTaskBefore, perTask.saveState());
        }
    }

    @Test
    void persistentIsTheDefaultSgdIgnoresItAndTheDescriptionNamesIt() {
        Hyperparameters persistentSgd = Hyperparameters.of(Map.of("inner_optimizer", "sgd", "inner_adam_state", "persistent"));
        assertFalse(ReptileConfig.from(provider.defaults(TaskKind.CLASSIFICATION).with(persistentSgd)).persistentAdam());
        assertFalse(provider.describe(persistentSgd, TaskKind.CLASSIFICATION).contains("inner Adam state kept across tasks"));
        assertTrue(provider.describe(Hyperparameters.empty(), TaskKind.CLASSIFICATION)
                .contains("inner Adam state kept across tasks"));
        assertFalse(provider.describe(Hyperparameters.of(Map.of("inner_adam_state", "per_task")), TaskKind.CLASSIFICATION)
                .contains("inner Adam state kept across tasks"));
        assertEquals("persistent", provider.defaults(TaskKind.CLASSIFICATION).getString("inner_adam_state"));
    }

    private static LearnerState zeroMoments(LearnerState state) {
        List<StateTensor> tensors = new ArrayList<>();
        for (StateTensor t : state.tensors()) {
            tensors.add(t.name().startsWith("inner_adam.") ? new StateTensor(t.name(), t.shape(), new float[t.values().length]) : t);
        }
        Map<String, Long> counters = new HashMap<>(state.counters());
        counters.put(InnerAdamState.STEPS, 0L);
        return new LearnerState(state.algorithm(), counters, tensors);
    }

    private static double max(float[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (float x : values) {
            m = Math.max(m, x);
        }
        return m;
    }
}
