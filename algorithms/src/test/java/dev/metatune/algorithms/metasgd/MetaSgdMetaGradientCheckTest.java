package dev.metatune.algorithms.metasgd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.algorithms.backbone.FunctionalNetwork;
import dev.metatune.algorithms.backbone.Mlp;
import dev.metatune.algorithms.testing.FiniteDifferences;
import dev.metatune.data.ImageEpisodeSource;
import dev.metatune.data.sinusoid.SinusoidEpisodeSource;
import dev.metatune.data.synthetic.SyntheticImagePool;
import dev.metatune.learner.LearnerContext;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskSpec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Meta-SGD's exact meta-gradient (Li et al. 2017) with respect to both the initialisation and the
 * per-parameter learning rates, against central finite differences of the meta-loss in float64, on
 * a tiny Conv-4 and a tiny MLP, with 1 and 2 inner steps; the first-order gradient must miss by far
 * more than the tolerance. Also checks that the rates do receive a gradient (else the check of their
 * half would be vacuous).
 */
class MetaSgdMetaGradientCheckTest {

    private static final double H = 1e-6;
    private static final double TOLERANCE = 1e-6;

    static Stream<Arguments> cases() {
        return Stream.of(Arguments.of("conv", 1), Arguments.of("conv", 2), Arguments.of("mlp", 1), Arguments.of("mlp", 2));
    }

    @ParameterizedTest(name = "{0}, {1} inner step(s)")
    @MethodSource("cases")
    void exactMetaGradientMatchesFiniteDifferences(String net, int steps) {
        boolean conv = net.equals("conv");
        EpisodeSource source = conv
                ? new ImageEpisodeSource(new SyntheticImagePool(12, 6, 8, 4, 0.1, 3), new TaskSpec(3, 1, 2), 3, "synthetic/train")
                : new SinusoidEpisodeSource(new TaskSpec(1, 5, 5), 3);
        FunctionalNetwork network = conv ? new Conv4(Conv4.Variant.STRIDED, 1, 8, 8, 3, 3) : new Mlp(1, new int[] {6, 6}, 1);
        // rates large enough that the inner step matters (as MAML's check uses inner lr 0.5 on images)
        MetaSgdConfig config = new MetaSgdConfig(conv ? 0.2 : 0.01, conv ? 0.4 : 0.04, steps, steps, 2, 1e-3, 3,
                Conv4.Variant.STRIDED, 6, true, false);
        LearnerContext context = new LearnerContext(Device.cpu(), source.kind(), source.exampleShape(), source.spec(),
                source.spec(), source.classCount(), 11);
        List<Episode> batch = List.of(source.episode(0), source.episode(1));
        try (MetaSgdProbe probe = new MetaSgdProbe(config, context, network, DataType.FLOAT64)) {
            double[][] exact = probe.metaGradient(batch, true);
            double[][] firstOrder = probe.metaGradient(batch, false);
            int n = network.parameters().size();
            double rateNorm = 0;
            for (int i = n; i < 2 * n; i++) {
                for (double g : exact[i]) {
                    rateNorm += g * g;
                }
            }
            assertTrue(Math.sqrt(rateNorm) > 1e-4, "the learning rates receive no gradient (" + Math.sqrt(rateNorm) + ")");
            FiniteDifferences.Result r = FiniteDifferences.check(probe.values(), exact, firstOrder, probe::setValues,
                    () -> probe.metaLoss(batch), H, 6, 5);
            System.out.printf("metasgd %s, %d step(s): %d coordinates (weights and rates), exact %.2e, first order %.2e%n",
                    net, steps, r.checked(), r.worst(), r.worstControl());
            assertTrue(r.worst() < TOLERANCE, "exact meta-gradient off by " + r.worst() + " at " + r.worstAt());
            assertTrue(r.worstControl() > 100 * TOLERANCE,
                    "first order as close as exact (" + r.worstControl() + "): the check cannot see second-order terms");
        }
    }
}
