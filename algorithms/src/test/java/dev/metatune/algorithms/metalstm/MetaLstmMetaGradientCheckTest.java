package dev.metatune.algorithms.metalstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.algorithms.testing.FiniteDifferences;
import dev.metatune.data.ImageEpisodeSource;
import dev.metatune.data.synthetic.SyntheticImagePool;
import dev.metatune.learner.LearnerContext;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The LSTM meta-learner's meta-gradient (Ravi and Larochelle 2017) with respect to the LSTM's weights
 * and the learner's initialisation, against central finite differences in float64 of the query loss
 * with the LSTM's inputs (the learner's gradients and losses) held at their recorded values, the
 * function the paper differentiates; replaying the recorded inputs gives the same gradient as
 * computing them. Negative control: finite differences of the loss with live inputs (which also
 * moves the learner's gradients) must differ from it by far more than the tolerance, so the check
 * sees which function it differentiates. Also the preprocessing of Andrychowicz et al. with p = 10.
 */
class MetaLstmMetaGradientCheckTest {

    private static final double H = 1e-6;
    private static final double TOLERANCE = 1e-6;

    @Test
    void metaGradientMatchesFiniteDifferencesWithTheInputsHeldFixed() {
        EpisodeSource source = new ImageEpisodeSource(new SyntheticImagePool(12, 6, 8, 4, 0.1, 3), new TaskSpec(3, 1, 2), 3,
                "synthetic/train");
        MetaLstmConfig config = new MetaLstmConfig(2, 2, 4, 2, 1e-3, 0.25, 3, Conv4.Variant.STRIDED, true);
        LearnerContext context = new LearnerContext(Device.cpu(), source.kind(), source.exampleShape(), source.spec(),
                source.spec(), source.classCount(), 11);
        List<Episode> batch = List.of(source.episode(0), source.episode(1));
        try (MetaLstmProbe probe = new MetaLstmProbe(config, context, new Conv4(Conv4.Variant.STRIDED, 1, 8, 8, 3, 3),
                DataType.FLOAT64)) {
            double[][] theta = probe.values();
            theta[6][0] = 0.0; // input gate bias 0: a step of sigmoid(0) = 0.5, so the learner moves noticeably
            probe.setValues(theta);
            double[][] live = probe.metaGradient(batch, false);
            double[][] held = probe.metaGradient(batch, true);
            for (int i = 0; i < live.length; i++) {
                assertArrayEquals(live[i], held[i], 1e-12, "replayed inputs change the gradient of tensor " + i);
            }
            FiniteDifferences.Result r = FiniteDifferences.check(probe.values(), held, null, probe::setValues,
                    () -> probe.metaLoss(batch, true), H, 6, 5);
            FiniteDifferences.Result control = FiniteDifferences.check(probe.values(), held, null, probe::setValues,
                    () -> probe.metaLoss(batch, false), H, 6, 5);
            System.out.printf("meta-lstm: %d coordinates, held inputs %.2e, live inputs (control) %.2e%n", r.checked(), r.worst(),
                    control.worst());
            assertTrue(r.worst() < TOLERANCE, "meta-gradient off by " + r.worst() + " at " + r.worstAt());
            assertTrue(control.worst() > 100 * TOLERANCE,
                    "the gradient also matches the loss with live inputs (" + control.worst() + "): the check cannot tell");
        }
    }

    @Test
    void preprocessingIsLogMagnitudeAndSignOrScaledValue() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            double[] x = {1.0, -Math.exp(-5), 1e-6, -2e-6};
            double[] out = CoordinateLstm.preprocess(m.create(x).reshape(4, 1)).toDoubleArray();
            double e10 = Math.exp(10);
            assertArrayEquals(new double[] {0, 1, -0.5, -1, -1, 1e-6 * e10, -1, -2e-6 * e10}, out, 1e-12);
        }
    }
}
