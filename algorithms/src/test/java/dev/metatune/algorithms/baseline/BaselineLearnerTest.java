package dev.metatune.algorithms.baseline;

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
import dev.metatune.plugin.Registry;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.Prediction;
import dev.metatune.learner.StepResult;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class BaselineLearnerTest {

    private static final TaskSpec TRAIN = new TaskSpec(8, 1, 1);
    private static final TaskSpec TEST = new TaskSpec(5, 2, 3);

    private static BaselineConfig config(int filters, int epochs) {
        return config(filters, epochs, 0.01);
    }

    private static BaselineConfig config(int filters, int epochs, double finetuneLr) {
        return new BaselineConfig(1e-3, filters, 8, 1, 1, epochs, 4, finetuneLr, 0.9, 0.9, 1e-3, 0, 0);
    }

    @ParameterizedTest
    @EnumSource(HeadKind.class)
    void pretrainsAdaptsAndPredictsWithTheRightShapes(HeadKind kind) {
        LearnerContext context = SyntheticTasks.context(TRAIN, TEST, 1);
        try (BaselineLearner learner = new BaselineLearner(config(8, 5), kind, context)) {
            EpisodeSource train = SyntheticTasks.train(TRAIN, 1);
            for (int s = 0; s < 3; s++) {
                StepResult r = learner.metaTrainStep(List.of(train.episode(s)));
                assertTrue(Double.isFinite(r.loss()) && r.accuracy() >= 0 && r.accuracy() <= 1, r.toString());
            }
            Episode e = SyntheticTasks.test(TEST, 1).episode(0);
            try (AdaptedModel model = learner.adapt(e.support())) {
                Prediction p = model.predict(e.query());
                assertEquals(e.query().count(), p.labels().length);
                assertEquals(e.query().count() * TEST.ways(), p.scores().length);
                for (int label : p.labels()) {
                    assertTrue(label >= 0 && label < TEST.ways());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(HeadKind.class)
    void fineTuningLowersTheSupportLoss(HeadKind kind) {
        LearnerContext context = SyntheticTasks.context(TRAIN, TEST, 2);
        try (BaselineLearner learner = new BaselineLearner(config(8, 30, 0.1), kind, context)) {
            SyntheticTasks.train(learner, SyntheticTasks.train(TRAIN, 2), 3);
            Episode e = SyntheticTasks.test(TEST, 2).episode(1);
            try (FineTunedModel model = (FineTunedModel) learner.adapt(e.support())) {
                assertTrue(model.finalSupportLoss() < model.initialSupportLoss(),
                        "support loss " + model.initialSupportLoss() + " -> " + model.finalSupportLoss());
            }
        }
    }

    @Test
    void pretrainingLearnsFeaturesThatTransferToNewClasses() {
        LearnerContext context = SyntheticTasks.context(TRAIN, TEST, 3);
        EpisodeSource test = SyntheticTasks.test(new TaskSpec(5, 1, 4), 8);
        try (BaselineLearner learner = new BaselineLearner(config(16, 20), HeadKind.LINEAR, context)) {
            double before = SyntheticTasks.evaluate(learner, test, 8);
            double lastTrainAccuracy = SyntheticTasks.train(learner, SyntheticTasks.train(new TaskSpec(16, 1, 1), 4), 40);
            double after = SyntheticTasks.evaluate(learner, test, 8);
            assertTrue(after > 0.35, "5-way 1-shot accuracy " + before + " -> " + after + " (chance 0.2), last train "
                    + lastTrainAccuracy);
        }
    }

    @Test
    void sameSeedGivesIdenticalNumbersAndAnotherSeedDoesNot() {
        float[] a = run(5);
        assertArrayEquals(a, run(5), 0f);
        assertFalse(java.util.Arrays.equals(a, run(6)));
    }

    private static float[] run(long seed) {
        List<Float> out = new ArrayList<>();
        try (BaselineLearner learner = new BaselineLearner(config(8, 5), HeadKind.COSINE,
                SyntheticTasks.context(TRAIN, TEST, seed))) {
            EpisodeSource train = SyntheticTasks.train(TRAIN, 3);
            for (int s = 0; s < 3; s++) {
                out.add((float) learner.metaTrainStep(List.of(train.episode(s))).loss());
            }
            Episode e = SyntheticTasks.test(TEST, 3).episode(0);
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
    void closeLeavesNoArraysAndStepsDoNotAccumulateThem() {
        LearnerContext context = SyntheticTasks.context(TRAIN, TEST, 1);
        EpisodeSource train = SyntheticTasks.train(TRAIN, 3);
        Episode e = SyntheticTasks.test(TEST, 1).episode(0);
        try (NDManager parent = NDManager.newBaseManager("PyTorch")) {
            NDArray sentinel = parent.zeros(new Shape(1));
            BaselineLearner learner = new BaselineLearner(config(8, 3), HeadKind.COSINE, context, parent);
            learner.metaTrainStep(List.of(train.episode(0)));
            int afterOne = parent.getManagedArrays().size();
            for (int s = 1; s < 4; s++) {
                learner.metaTrainStep(List.of(train.episode(s)));
            }
            try (AdaptedModel model = learner.adapt(e.support())) {
                model.predict(e.query());
                model.predict(e.query());
            }
            assertEquals(afterOne, parent.getManagedArrays().size(), "arrays accumulated across steps");
            learner.adapt(e.support()).predict(e.query()); // left open on purpose: the learner frees it
            learner.close();
            assertEquals(List.of(sentinel), parent.getManagedArrays());
        }
    }

    @Test
    void classIdsOutsideTheTrainingSplitAreRejected() {
        LearnerContext context = new LearnerContext(ai.djl.Device.cpu(), dev.metatune.task.TaskKind.CLASSIFICATION,
                new int[] {1, 28, 28}, TRAIN, TEST, 10, 1);
        try (BaselineLearner learner = new BaselineLearner(config(8, 1), HeadKind.LINEAR, context)) {
            Episode e = SyntheticTasks.train(TRAIN, 1).episode(0); // 40 classes: some ids are >= 10
            int maxId = java.util.Arrays.stream(e.classIds()).max().orElseThrow();
            assertTrue(maxId >= 10, "test needs an episode with a class id >= 10");
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> learner.metaTrainStep(List.of(e)));
            assertTrue(ex.getMessage().contains("class id"), ex.getMessage());
        }
    }

    @Test
    void providersAreRegisteredAndValidateHyperparameters() {
        Registry<AlgorithmProvider> registry = AlgorithmProvider.registry(getClass().getClassLoader());
        assertTrue(registry.names().containsAll(List.of("protonet", "baseline", "baseline-pp")), registry.names().toString());
        LearnerContext context = SyntheticTasks.context(TRAIN, TEST, 1);
        for (String name : List.of("baseline", "baseline-pp")) {
            var provider = registry.get(name);
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> provider.create(Hyperparameters.of(Map.of("finetune_lr", 0)), context));
            assertTrue(bad.getMessage().contains("finetune_lr"), bad.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> provider.create(Hyperparameters.of(Map.of("finetune_steps", 10)), context));
            for (var spec : provider.hyperparameters()) {
                assertTrue(spec.searchRange().contains(spec.defaultValue()), name + " " + spec.name());
            }
            try (MetaLearner learner = provider.create(Hyperparameters.of(Map.of("filters", 32)), context)) {
                assertTrue(learner.parameterCount() > 0);
            }
        }
    }
}
