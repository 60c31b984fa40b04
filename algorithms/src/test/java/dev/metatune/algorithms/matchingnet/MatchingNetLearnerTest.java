package dev.metatune.algorithms.matchingnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.metatune.algorithms.testing.HarderSyntheticTasks;
import dev.metatune.algorithms.testing.SyntheticTasks;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.LearnerState;
import dev.metatune.learner.MetaLearner;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Matching Networks learn (query loss falls, held-out accuracy rises over an untrained embedding) with
 * full context embeddings off and on; the attention formula; FCE state round trip and per-query
 * independence. The learning test trains 100 episodes: on the 40 synthetic training classes a
 * 1-shot matching network without FCE starts to overfit them after a few hundred episodes (held-out
 * accuracy falls again while training accuracy stays high), which says nothing about Omniglot.
 */
class MatchingNetLearnerTest {

    private static final TaskSpec SPEC = new TaskSpec(5, 1, 4);

    private static MetaLearner create(boolean fce, long seed) {
        return create(fce, "cosine", seed);
    }

    private static MetaLearner create(boolean fce, String similarity, long seed) {
        return new MatchingNetProvider().create(Hyperparameters.of(Map.of("fce", fce, "filters", 32, "fce_steps", 2,
                "similarity", similarity)), SyntheticTasks.context(SPEC, SPEC, seed));
    }

    @ParameterizedTest(name = "fce = {0}")
    @ValueSource(booleans = {false, true})
    void learnsOnSyntheticTasks(boolean fce) {
        learns(fce, "cosine");
    }

    @Test
    void learnsOnSyntheticTasksWithEuclideanAttention() {
        learns(false, "l2");
    }

    private static void learns(boolean fce, String similarity) {
        EpisodeSource test = HarderSyntheticTasks.test(SPEC, 99);
        try (MetaLearner learner = create(fce, similarity, 7)) {
            double before = SyntheticTasks.evaluate(learner, test, 40);
            EpisodeSource train = HarderSyntheticTasks.train(SPEC, 5);
            double firstLoss = 0;
            double lastLoss = 0;
            int steps = 100;
            for (int s = 0; s < steps; s++) {
                double loss = learner.metaTrainStep(List.of(train.episode(s))).loss();
                if (s < 20) {
                    firstLoss += loss / 20;
                } else if (s >= steps - 20) {
                    lastLoss += loss / 20;
                }
            }
            double after = SyntheticTasks.evaluate(learner, test, 40);
            System.out.printf("matchingnet fce=%s %s: loss %.3f -> %.3f, accuracy %.3f -> %.3f%n", fce, similarity, firstLoss,
                    lastLoss, before, after);
            assertTrue(lastLoss < firstLoss, "query loss did not fall: " + firstLoss + " -> " + lastLoss);
            assertTrue(after > before + 0.1, "accuracy " + before + " -> " + after + " (chance 0.2)");
            assertTrue(after > 0.5, "5-way 1-shot accuracy after " + steps + " episodes " + after);
        }
    }

    @Test
    void attentionIsASoftmaxOverCosinesSummedPerClass() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray q = m.create(new float[] {1, 0, 0, 2}, new ai.djl.ndarray.types.Shape(2, 2));
            NDArray s = m.create(new float[] {3, 0, 0, 1, 1, 1}, new ai.djl.ndarray.types.Shape(3, 2));
            NDArray labels = m.create(new long[] {0, 1, 1});
            float[] logP = SupportAttention.logClassProbabilities(Similarity.COSINE, q, s, labels, 2).toFloatArray();
            double c = Math.sqrt(0.5);
            // query 0 = (1,0): cosines 1, 0, c; query 1 = (0,1): cosines 0, 1, c
            double z0 = Math.exp(1) + Math.exp(0) + Math.exp(c);
            double z1 = Math.exp(0) + Math.exp(1) + Math.exp(c);
            assertEquals(Math.log(Math.exp(1) / z0), logP[0], 1e-5);
            assertEquals(Math.log((Math.exp(0) + Math.exp(c)) / z0), logP[1], 1e-5);
            assertEquals(Math.log(Math.exp(0) / z1), logP[2], 1e-5);
            assertEquals(Math.log((Math.exp(1) + Math.exp(c)) / z1), logP[3], 1e-5);
        }
    }

    @Test
    void euclideanAttentionIsASoftmaxOverNegativeSquaredDistancesAndStaysFiniteWhenPeaked() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray q = m.create(new float[] {0, 0, 30, 0}, new ai.djl.ndarray.types.Shape(2, 2));
            NDArray s = m.create(new float[] {1, 0, 0, 2, 30, 1}, new ai.djl.ndarray.types.Shape(3, 2));
            NDArray labels = m.create(new long[] {0, 1, 1});
            float[] logP = SupportAttention.logClassProbabilities(Similarity.L2, q, s, labels, 2).toFloatArray();
            // query 0 = (0,0): squared distances 1, 4, 901
            double z0 = Math.exp(-1) + Math.exp(-4) + Math.exp(-901);
            assertEquals(Math.log(Math.exp(-1) / z0), logP[0], 1e-5);
            assertEquals(Math.log((Math.exp(-4) + Math.exp(-901)) / z0), logP[1], 1e-5);
            // query 1 = (30,0): squared distances 841, 904, 1; class 0's mass is e^-840 of class 1's, below
            // float32's range as a probability, yet its log stays finite
            assertEquals(-840.0, logP[2], 1e-2);
            assertEquals(0.0, logP[3], 1e-5);
        }
    }

    @Test
    void fceStateRoundTripsAndAQueryDoesNotDependOnTheOthers() {
        EpisodeSource train = SyntheticTasks.train(SPEC, 3);
        Episode probe = SyntheticTasks.test(SPEC, 4).episode(0);
        LearnerState saved;
        float[] expected;
        try (MetaLearner learner = create(true, 5)) {
            SyntheticTasks.train(learner, train, 2);
            saved = learner.saveState();
            expected = scores(learner, probe);
            try (AdaptedModel model = learner.adapt(probe.support())) {
                float[] one = model.predict(first(probe.query())).scores();
                float[] first = new float[one.length];
                System.arraycopy(expected, 0, first, 0, one.length);
                assertArrayEquals(first, one, 1e-5f, "the first query's scores changed when scored alone");
            }
        }
        try (MetaLearner restored = create(true, 6)) {
            restored.restoreState(saved);
            assertEquals(saved, restored.saveState());
            assertArrayEquals(expected, scores(restored, probe), 0f);
        }
    }

    private static dev.metatune.task.Examples first(dev.metatune.task.Examples q) {
        float[] in = java.util.Arrays.copyOf(q.inputs(), q.valuesPerExample());
        return dev.metatune.task.Examples.classified(in, q.exampleShape(), new int[] {q.labels()[0]});
    }

    private static float[] scores(MetaLearner learner, Episode e) {
        try (AdaptedModel model = learner.adapt(e.support())) {
            return model.predict(e.query()).scores();
        }
    }
}
