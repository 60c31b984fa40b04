package dev.metatune.algorithms.mamlpp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MAML++'s exact meta-gradient (Antoniou et al. 2019) with respect to every meta-parameter (Conv-4
 * weights, per-step BatchNorm weights, per-layer per-step learning rates) against central finite
 * differences of its multi-step meta-loss in float64, on a tiny Conv-4 with 2 inner steps, with the
 * paper's changes on and off; the first-order gradient must miss by far more than the tolerance.
 */
class MamlppMetaGradientCheckTest {

    private static final double H = 1e-6;
    private static final double TOLERANCE = 1e-6;

    @ParameterizedTest(name = "MSL {0}, LSLR {1}, BNWB {2}, BNRS {3}")
    @CsvSource({"true, true, true, true", "false, false, false, false", "true, false, true, false"})
    void exactMetaGradientMatchesFiniteDifferences(boolean msl, boolean lslr, boolean bnwb, boolean bnrs) {
        EpisodeSource source = new ImageEpisodeSource(new SyntheticImagePool(12, 6, 8, 4, 0.1, 3), new TaskSpec(3, 1, 2), 3,
                "synthetic/train");
        MamlppConfig config = new MamlppConfig(0.4, 2, 2, 2, 1e-3, 1e-5, 500, 100, msl, 10, lslr, bnwb, bnrs, 0.1, 0, true, 3,
                Conv4.Variant.STRIDED, true);
        LearnerContext context = new LearnerContext(Device.cpu(), source.kind(), source.exampleShape(), source.spec(),
                source.spec(), source.classCount(), 11);
        List<Episode> batch = List.of(source.episode(0), source.episode(1));
        double[] weights = config.lossWeights(3 * 500); // epoch 3: unequal multi-step weights (or the final loss only)
        try (MamlppProbe probe = new MamlppProbe(config, context, new Conv4(Conv4.Variant.STRIDED, 1, 8, 8, 3, 3),
                DataType.FLOAT64)) {
            double[][] exact = probe.metaGradient(batch, weights, true);
            double[][] firstOrder = probe.metaGradient(batch, weights, false);
            FiniteDifferences.Result r = FiniteDifferences.check(probe.values(), exact, firstOrder, probe::setValues,
                    () -> probe.metaLoss(batch, weights), H, 4, 5);
            System.out.printf("maml++ MSL %s LSLR %s BNWB %s BNRS %s: %d coordinates over %d tensors, exact %.2e,"
                    + " first order %.2e%n", msl, lslr, bnwb, bnrs, r.checked(), probe.names().size(), r.worst(), r.worstControl());
            assertTrue(r.worst() < TOLERANCE, "exact meta-gradient off by " + r.worst() + " at " + r.worstAt());
            assertTrue(r.worstControl() > 100 * TOLERANCE,
                    "first order as close as exact (" + r.worstControl() + "): the check cannot see second-order terms");
        }
    }
}
