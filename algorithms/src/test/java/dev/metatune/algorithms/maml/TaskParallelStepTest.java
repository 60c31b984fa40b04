package dev.metatune.algorithms.maml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.StepResult;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Meta-steps whose tasks are split over two task workers give the loss and accuracy of every step,
 * and the predictions of the trained meta-parameters, of the same steps computed on one thread (up
 * to the order of the float32 sums); a worker's share of the tasks left out or counted twice would
 * change them. The production learner is driven only through its public interface.
 */
class TaskParallelStepTest {

    private static final int STEPS = 3;

    @BeforeAll
    static void engine() {
        Engine.getEngine("PyTorch");
    }

    @ParameterizedTest(name = "first order {0}")
    @ValueSource(booleans = {true, false})
    void twoWorkersGiveTheOneThreadResult(boolean firstOrder) {
        EpisodeSource source = MamlTestSupport.tinyImages(5);
        MamlConfig config = MamlTestSupport.config(0.4, 1, 5, firstOrder, true);
        Episode probe = MamlTestSupport.tinyImages(6).episode(0);
        int before = JniUtils.getNumThreads();
        try {
            JniUtils.setNumThreads(1);
            Run sequential = run(config, source, probe);
            JniUtils.setNumThreads(2);
            Run parallel = run(config, source, probe);
            // BatchNorm cancels a convolution's bias (whose gradient is rounding noise that Adam scales
            // up, so the order of the sums decides it): the predictions do not depend on it
            for (int j = 0; j < sequential.trained().length; j++) {
                assertEquals(sequential.trained()[j], parallel.trained()[j], 1e-4 * Math.max(1, Math.abs(sequential.trained()[j])),
                        "score " + j + " of the trained meta-parameters");
            }
            double moved = 0;
            for (int j = 0; j < sequential.trained().length; j++) {
                moved = Math.max(moved, Math.abs(sequential.trained()[j] - sequential.initial()[j]));
            }
            assertTrue(moved > 1e-3, "the steps did not change the predictions (" + moved + "): the test cannot fail");
            for (int s = 0; s < STEPS; s++) {
                assertEquals(sequential.steps().get(s).loss(), parallel.steps().get(s).loss(), 1e-5, "loss of step " + s);
                assertEquals(sequential.steps().get(s).accuracy(), parallel.steps().get(s).accuracy(), 1e-12,
                        "accuracy of step " + s);
            }
        } finally {
            JniUtils.setNumThreads(before);
        }
    }

    /** Scores of the adapted model on the probe's queries before and after training, and the step results. */
    private record Run(float[] initial, float[] trained, List<StepResult> steps) {
    }

    private static Run run(MamlConfig config, EpisodeSource source, Episode probe) {
        try (MamlLearner learner = MamlTestSupport.learner(config, source, 3)) {
            float[] initial = scores(learner, probe);
            List<StepResult> results = new ArrayList<>();
            for (int s = 0; s < STEPS; s++) {
                results.add(learner.metaTrainStep(MamlTestSupport.batch(source, 5L * s, config.metaBatch())));
            }
            return new Run(initial, scores(learner, probe), results);
        }
    }

    private static float[] scores(MamlLearner learner, Episode probe) {
        try (AdaptedModel model = learner.adapt(probe.support())) {
            return model.predict(probe.query()).scores();
        }
    }
}
