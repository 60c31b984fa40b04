package dev.metatune.algorithms.maml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import dev.metatune.algorithms.backbone.ParameterSpec;
import dev.metatune.learner.StepResult;
import dev.metatune.task.EpisodeSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Meta-steps whose tasks are split over two task workers give the meta-parameters, loss and
 * accuracy of the same steps computed on one thread (up to the order of the float32 sums); a
 * worker's share of the tasks left out or counted twice would change them.
 */
class TaskParallelStepTest {

    @BeforeAll
    static void engine() {
        Engine.getEngine("PyTorch");
    }

    @ParameterizedTest(name = "first order {0}")
    @ValueSource(booleans = {true, false})
    void twoWorkersGiveTheOneThreadResult(boolean firstOrder) {
        EpisodeSource source = MamlTestSupport.tinyImages(5);
        MamlConfig config = MamlTestSupport.config(0.4, 1, 5, firstOrder, true);
        int before = JniUtils.getNumThreads();
        try {
            JniUtils.setNumThreads(1);
            List<Object> sequential = run(config, source);
            JniUtils.setNumThreads(2);
            List<Object> parallel = run(config, source);
            double[][] a = (double[][]) sequential.get(0);
            double[][] b = (double[][]) parallel.get(0);
            List<ParameterSpec> specs = MamlTestSupport.tinyConv().parameters();
            double moved = 0;
            for (int i = 0; i < a.length; i++) {
                if (specs.get(i).name().matches("conv\\d+\\.bias")) {
                    // BatchNorm subtracts a convolution's bias again: its gradient is rounding noise,
                    // which Adam scales up to full-size steps, so the order of the sums decides it
                    continue;
                }
                for (int j = 0; j < a[i].length; j++) {
                    assertEquals(a[i][j], b[i][j], 1e-5 * Math.max(1, Math.abs(a[i][j])), "parameter " + i + "[" + j + "]");
                }
            }
            double[][] start = (double[][]) sequential.get(2);
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[i].length; j++) {
                    moved = Math.max(moved, Math.abs(a[i][j] - start[i][j]));
                }
            }
            assertTrue(moved > 1e-4, "the steps did not move the parameters (" + moved + "): the test cannot fail");
            @SuppressWarnings("unchecked")
            List<StepResult> ra = (List<StepResult>) sequential.get(1);
            @SuppressWarnings("unchecked")
            List<StepResult> rb = (List<StepResult>) parallel.get(1);
            for (int s = 0; s < ra.size(); s++) {
                assertEquals(ra.get(s).loss(), rb.get(s).loss(), 1e-5, "loss of step " + s);
                assertEquals(ra.get(s).accuracy(), rb.get(s).accuracy(), 1e-12, "accuracy of step " + s);
            }
        } finally {
            JniUtils.setNumThreads(before);
        }
    }

    /** Parameters after 3 steps, the step results, and the initial parameters. */
    private static List<Object> run(MamlConfig config, EpisodeSource source) {
        try (MamlLearner learner = MamlTestSupport.learner(config, source, MamlTestSupport.tinyConv(), DataType.FLOAT32, 3)) {
            double[][] start = learner.parameterValues();
            List<StepResult> results = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                results.add(learner.metaTrainStep(MamlTestSupport.batch(source, 5L * s, config.metaBatch())));
            }
            return List.of(learner.parameterValues(), results, start);
        }
    }
}
