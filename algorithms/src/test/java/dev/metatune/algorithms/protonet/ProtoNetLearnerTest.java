package dev.metatune.algorithms.protonet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.metatune.algorithms.testing.SyntheticTasks;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.Prediction;
import dev.metatune.learner.StepResult;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtoNetLearnerTest {

    private static final TaskSpec TRAIN = new TaskSpec(10, 2, 3);
    private static final TaskSpec TEST = new TaskSpec(5, 1, 4);

    private static ProtoNetConfig config(int filters) {
        return new ProtoNetConfig(1e-3, 2000, TRAIN.ways(), TRAIN.shots(), TRAIN.queries(), filters);
    }

    @Test
    void prototypesAreTheMeansOfTheSupportEmbeddings() {
        LearnerContext context = SyntheticTasks.context(TRAIN, TEST, 3);
        try (ProtoNetLearner learner = new ProtoNetLearner(config(16), context)) {
            SyntheticTasks.train(learner, SyntheticTasks.train(TRAIN, 1), 2); // non-trivial running statistics
            Examples support = SyntheticTasks.test(new TaskSpec(4, 3, 1), 9).episode(0).support();
            float[] z;
            int d = learner.embedding().outputSize();
            try (NDManager m = NDManager.newBaseManager("PyTorch")) {
                z = learner.embedding().forward(m.create(support.inputs(), new Shape(support.batchShape())), false)
                        .toFloatArray();
            }
            double[][] expected = new double[4][d];
            int[] counts = new int[4];
            for (int i = 0; i < support.count(); i++) {
                int c = support.labels()[i];
                counts[c]++;
                for (int j = 0; j < d; j++) {
                    expected[c][j] += z[i * d + j];
                }
            }
            try (ProtoNetModel model = (ProtoNetModel) learner.adapt(support)) {
                float[][] prototypes = model.prototypes();
                assertEquals(4, prototypes.length);
                for (int c = 0; c < 4; c++) {
                    assertEquals(3, counts[c]);
                    for (int j = 0; j < d; j++) {
                        assertEquals(expected[c][j] / counts[c], prototypes[c][j], 1e-5, "class " + c + " feature " + j);
                    }
                }
            }
        }
    }

    @Test
    void parameterCountMatchesThePyTorchEncoder() {
        LearnerContext context = SyntheticTasks.context(TRAIN, TEST, 1);
        try (MetaLearner learner = new ProtoNetProvider().create(Hyperparameters.empty(), context)) {
            assertEquals(111_936, learner.parameterCount());
        }
    }

    @Test
    void learnsOnSyntheticTasks() {
        LearnerContext context = SyntheticTasks.context(TRAIN, TEST, 7);
        EpisodeSource test = SyntheticTasks.test(TEST, 99);
        try (ProtoNetLearner learner = new ProtoNetLearner(config(32), context)) {
            double before = SyntheticTasks.evaluate(learner, test, 20);
            SyntheticTasks.train(learner, SyntheticTasks.train(TRAIN, 5), 40);
            double after = SyntheticTasks.evaluate(learner, test, 20);
            assertTrue(after > 0.7, "5-way accuracy after 40 episodes " + after + " (before " + before + ", chance 0.2)");
            assertTrue(after > before, "accuracy did not improve: " + before + " -> " + after);
        }
    }

    @Test
    void sameSeedGivesIdenticalNumbersAndAnotherSeedDoesNot() {
        float[] a = run(5);
        float[] b = run(5);
        float[] c = run(6);
        assertArrayEquals(a, b, 0f);
        assertFalse(java.util.Arrays.equals(a, c), "seeds 5 and 6 gave identical numbers");
    }

    private static float[] run(long seed) {
        LearnerContext context = SyntheticTasks.context(TRAIN, TEST, seed);
        List<Float> out = new ArrayList<>();
        try (ProtoNetLearner learner = new ProtoNetLearner(config(8), context)) {
            EpisodeSource train = SyntheticTasks.train(TRAIN, 2);
            for (int s = 0; s < 3; s++) {
                StepResult r = learner.metaTrainStep(List.of(train.episode(s)));
                out.add((float) r.loss());
                out.add((float) r.accuracy());
            }
            Episode e = SyntheticTasks.test(TEST, 4).episode(0);
            try (AdaptedModel model = learner.adapt(e.support())) {
                for (float s : model.predict(e.query()).scores()) {
                    out.add(s);
                }
            }
        }
        float[] f = new float[out.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = out.get(i);
        }
        return f;
    }

    @Test
    void predictionsHaveOneLabelAndWaysScoresPerQuery() {
        LearnerContext context = SyntheticTasks.context(TRAIN, TEST, 1);
        try (ProtoNetLearner learner = new ProtoNetLearner(config(8), context)) {
            Episode e = SyntheticTasks.test(TEST, 1).episode(3);
            try (AdaptedModel model = learner.adapt(e.support())) {
                Prediction p = model.predict(e.query());
                assertEquals(e.query().count(), p.labels().length);
                assertEquals(e.query().count() * TEST.ways(), p.scores().length);
                for (int i = 0; i < p.labels().length; i++) {
                    int best = 0;
                    for (int c = 1; c < TEST.ways(); c++) {
                        if (p.scores()[i * TEST.ways() + c] > p.scores()[i * TEST.ways() + best]) {
                            best = c;
                        }
                    }
                    assertEquals(best, p.labels()[i]);
                }
            }
        }
    }

    @Test
    void closeLeavesNoArraysAndStepsDoNotAccumulateThem() {
        LearnerContext context = SyntheticTasks.context(TRAIN, TEST, 1);
        EpisodeSource train = SyntheticTasks.train(TRAIN, 3);
        Episode e = SyntheticTasks.test(TEST, 1).episode(0);
        try (NDManager parent = NDManager.newBaseManager("PyTorch")) {
            NDArray sentinel = parent.zeros(new Shape(1));
            ProtoNetLearner learner = new ProtoNetLearner(config(8), context, parent);
            learner.metaTrainStep(List.of(train.episode(0)));
            int afterOne = parent.getManagedArrays().size();
            assertTrue(afterOne > 1, "the learner's arrays should be visible under the parent manager");
            for (int s = 1; s < 4; s++) {
                learner.metaTrainStep(List.of(train.episode(s)));
            }
            try (AdaptedModel model = learner.adapt(e.support())) {
                model.predict(e.query());
                model.predict(e.query());
            }
            assertEquals(afterOne, parent.getManagedArrays().size(), "arrays accumulated across steps");
            AdaptedModel open = learner.adapt(e.support()); // left open on purpose: the learner frees it
            open.predict(e.query());
            learner.close();
            assertEquals(List.of(sentinel), parent.getManagedArrays());
            assertThrows(IllegalStateException.class, () -> learner.metaTrainStep(List.of(train.episode(0))));
        }
    }

    @Test
    void hyperparametersAreValidatedWithTheFieldNamed() {
        ProtoNetProvider provider = new ProtoNetProvider();
        LearnerContext context = SyntheticTasks.context(TRAIN, TEST, 1);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> provider.create(Hyperparameters.of(Map.of("learning_rate", 0.1)), context));
        assertTrue(unknown.getMessage().contains("learning_rate") && unknown.getMessage().contains("lr"),
                unknown.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> provider.create(Hyperparameters.of(Map.of("lr", -1.0)), context));
        assertTrue(bad.getMessage().contains("'lr'") && bad.getMessage().contains("-1.0"), bad.getMessage());
        IllegalArgumentException ways = assertThrows(IllegalArgumentException.class,
                () -> provider.create(Hyperparameters.of(Map.of("train_ways", 1)), context));
        assertTrue(ways.getMessage().contains("train_ways"), ways.getMessage());
        for (var spec : provider.hyperparameters()) {
            assertTrue(spec.searchRange().contains(spec.defaultValue()), spec.name() + " default outside its range");
        }
    }

    @Test
    void learningRateHalvesEveryConfiguredNumberOfEpisodes() {
        ProtoNetConfig c = new ProtoNetConfig(1e-3, 2000, 60, 5, 5, 64);
        assertEquals(1e-3, c.learningRate(0));
        assertEquals(1e-3, c.learningRate(1999));
        assertEquals(5e-4, c.learningRate(2000));
        assertEquals(2.5e-4, c.learningRate(4000));
        assertEquals(1e-3, new ProtoNetConfig(1e-3, 0, 60, 5, 5, 64).learningRate(100_000));
    }
}
