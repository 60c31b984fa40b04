package dev.metatune.algorithms.mann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.algorithms.testing.SyntheticTasks;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerState;
import dev.metatune.learner.Prediction;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The adapted model and the instance measure: queries are classified independently of each other,
 * adapting changes no parameter, the memory starts afresh for every episode (adapting to another
 * support set in between changes nothing), instance accuracy counts each presentation once under
 * its instance, and hyperparameters outside their ranges are refused naming the field.
 */
class MannLearnerTest {

    private static final TaskSpec SPEC = new TaskSpec(4, 2, 3);

    private static MannLearner small(long seed) {
        return (MannLearner) new MannProvider().create(Hyperparameters.of(Map.of("controller_size", 16, "memory_slots", 12,
                "memory_width", 8, "heads", 2, "episodes_per_step", 2)), SyntheticTasks.context(SPEC, SPEC, seed));
    }

    private static float[] scores(MannLearner learner, Examples support, Examples query) {
        try (AdaptedModel model = learner.adapt(support)) {
            return model.predict(query).scores();
        }
    }

    @Test
    void queriesAreIndependentAndEachEpisodeStartsFromAFreshMemory() {
        EpisodeSource source = SyntheticTasks.train(SPEC, 3);
        Episode a = source.episode(0);
        Episode b = source.episode(1);
        try (MannLearner learner = small(7)) {
            SyntheticTasks.train(learner, source, 2);
            float[] together = scores(learner, a.support(), a.query());
            float[] first = scores(learner, a.support(), a.query());
            scores(learner, b.support(), b.query());
            assertArrayEquals(first, scores(learner, a.support(), a.query()), "a state leaked from one episode to the next");
            try (AdaptedModel model = learner.adapt(a.support())) {
                int ways = SPEC.ways();
                Examples query = a.query();
                int pixels = query.inputs().length / query.count();
                for (int q = 0; q < query.count(); q++) {
                    Examples one = Examples.classified(Arrays.copyOfRange(query.inputs(), q * pixels, (q + 1) * pixels),
                            query.exampleShape(), new int[] {query.labels()[q]});
                    Prediction p = model.predict(one);
                    float[] expected = Arrays.copyOfRange(together, q * ways, (q + 1) * ways);
                    assertArrayEquals(expected, p.scores(), 1e-5f, "query " + q + " depends on the other queries");
                }
            }
        }
    }

    @Test
    void adaptingChangesNoParameter() {
        EpisodeSource source = SyntheticTasks.train(SPEC, 3);
        try (MannLearner learner = small(7)) {
            SyntheticTasks.train(learner, source, 1);
            LearnerState before = learner.saveState();
            Episode e = source.episode(5);
            scores(learner, e.support(), e.query());
            learner.instanceAccuracy(List.of(e), 1);
            assertEquals(before, learner.saveState());
        }
    }

    @Test
    void instanceAccuracyCountsEveryPresentationOnceUnderItsInstance() {
        EpisodeSource source = SyntheticTasks.test(SPEC, 4);
        List<Episode> episodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            episodes.add(source.episode(i));
        }
        try (MannLearner learner = small(7)) {
            InstanceAccuracy r = learner.instanceAccuracy(episodes, 1);
            assertEquals(SPEC.shots(), r.instances());
            for (int k = 1; k <= SPEC.shots(); k++) {
                assertEquals(3L * SPEC.ways(), r.total()[k - 1], "predictions at instance " + k);
                assertTrue(r.at(k) >= 0 && r.at(k) <= 1);
            }
            assertEquals(3L * SPEC.ways() * SPEC.queries(), r.queryTotal());
            assertTrue(Double.isNaN(r.at(SPEC.shots() + 1)));
            assertTrue(r.describe(1, 2, 10).startsWith("1st "), r.describe(1, 2, 10));
        }
    }

    @Test
    void accuracyByPresentationEndsWithTheAdaptedModelsQueryAccuracy() {
        EpisodeSource source = SyntheticTasks.test(SPEC, 4);
        try (MannLearner learner = small(7)) {
            SyntheticTasks.train(learner, SyntheticTasks.train(SPEC, 3), 3);
            for (int i = 0; i < 4; i++) {
                Episode e = source.episode(i);
                double[] byPresentation = learner.accuracyByPresentation(e);
                assertEquals(SPEC.shots() + 1, byPresentation.length, "presentations 1.." + SPEC.shots() + ", then queries");
                float[] scores = scores(learner, e.support(), e.query());
                int correct = 0;
                for (int q = 0; q < e.query().count(); q++) {
                    int best = 0;
                    for (int c = 1; c < SPEC.ways(); c++) {
                        if (scores[q * SPEC.ways() + c] > scores[q * SPEC.ways() + best]) {
                            best = c;
                        }
                    }
                    correct += best == e.query().labels()[q] ? 1 : 0;
                }
                assertEquals((double) correct / e.query().count(), byPresentation[SPEC.shots()], 1e-12,
                        "episode " + i + ": the queries are scored as adapt presents the support");
                for (double a : byPresentation) {
                    assertTrue(a >= 0 && a <= 1, Arrays.toString(byPresentation));
                }
            }
        }
    }

    @Test
    void trainShiftMovesOnlyTrainingImagesAndStaysReproducible() {
        EpisodeSource source = SyntheticTasks.train(SPEC, 5);
        Map<String, Object> base = Map.of("controller_size", 16, "memory_slots", 12, "memory_width", 8, "heads", 2,
                "episodes_per_step", 2);
        Map<String, Object> shifted = new java.util.HashMap<>(base);
        shifted.put("train_shift", 2);
        float[][] losses = new float[3][];
        Map<String, Object>[] settings = List.of(base, shifted, shifted).toArray(Map[]::new);
        float[][] adaptedScores = new float[3][];
        Episode probe = source.episode(9);
        for (int run = 0; run < 3; run++) {
            try (MannLearner learner = (MannLearner) new MannProvider().create(Hyperparameters.of(settings[run]),
                    SyntheticTasks.context(SPEC, SPEC, 11))) {
                adaptedScores[run] = scores(learner, probe.support(), probe.query());
                losses[run] = new float[3];
                for (int s = 0; s < 3; s++) {
                    losses[run][s] = (float) learner.metaTrainStep(List.of(source.episode(2 * s), source.episode(2 * s + 1)))
                            .loss();
                }
            }
        }
        assertArrayEquals(adaptedScores[0], adaptedScores[1], "adaptation never shifts: same weights, same scores");
        assertArrayEquals(losses[1], losses[2], "the same seed shifts the same way");
        assertTrue(!Arrays.equals(losses[0], losses[1]), "train_shift must change the training images: "
                + Arrays.toString(losses[0]) + " vs " + Arrays.toString(losses[1]));
    }

    @Test
    void valuesOutsideTheirRangesAreRefusedNamingTheField() {
        MannProvider provider = new MannProvider();
        for (Map.Entry<String, Object> bad : Map.<String, Object>of("gamma", 1.5, "heads", 0, "clip_norm", 0.0,
                "memory_slots", 0, "train_shots", -1, "train_shift", -1).entrySet()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> provider.create(Hyperparameters.of(Map.of(bad.getKey(), bad.getValue())),
                            SyntheticTasks.context(SPEC, SPEC, 1)));
            assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
        }
    }

    @Test
    void trainingSequencesTakeTrainShotsPresentationsPerClassAndTheModelAdaptsToShorterSupportSets() {
        MannProvider provider = new MannProvider();
        TaskSpec test = new TaskSpec(5, 1, 15);
        assertEquals(new TaskSpec(5, 1, 5), provider.trainingSpec(Hyperparameters.of(Map.of()), test));
        assertEquals(new TaskSpec(5, 10, 5), provider.trainingSpec(Hyperparameters.of(Map.of("train_shots", 10)), test));
        assertEquals(new TaskSpec(5, 10, 2), provider.trainingSpec(
                Hyperparameters.of(Map.of("train_shots", 10, "train_queries", 2)), test));

        TaskSpec longer = new TaskSpec(4, 3, 2);
        TaskSpec shorter = new TaskSpec(4, 1, 3);
        try (MannLearner learner = (MannLearner) provider.create(Hyperparameters.of(Map.of("controller_size", 16,
                "memory_slots", 12, "memory_width", 8, "heads", 2, "episodes_per_step", 2, "train_shots", 3)),
                SyntheticTasks.context(longer, shorter, 5))) {
            EpisodeSource train = SyntheticTasks.train(longer, 11);
            assertEquals(4 * 3, train.episode(0).support().count());
            learner.metaTrainStep(List.of(train.episode(0), train.episode(1)));
            Episode e = SyntheticTasks.test(shorter, 12).episode(0);
            double[] curve = learner.accuracyByPresentation(e);
            assertEquals(2, curve.length, "one presentation, then the queries");
            assertEquals(4 * 3 * 4, scores(learner, e.support(), e.query()).length, "4 scores for each of 12 queries");
        }
    }
}
