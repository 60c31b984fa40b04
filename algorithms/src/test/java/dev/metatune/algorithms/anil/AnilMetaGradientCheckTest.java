package dev.metatune.algorithms.anil;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.metatune.algorithms.backbone.Conv4;
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
 * ANIL's exact meta-gradient (Raghu et al. 2020) against central finite differences of the meta-loss
 * in float64, through 1 and 2 head steps, on a tiny Conv-4 body (transductive and support-statistics
 * BatchNorm) and a tiny MLP body; the first-order gradient must miss by far more than the tolerance.
 * Gradient and loss both come from {@link AnilMetaGradient#compute}, which every meta-step applies.
 */
class AnilMetaGradientCheckTest {

    private static final double H = 1e-6;
    private static final double TOLERANCE = 1e-6;

    static Stream<Arguments> cases() {
        return Stream.of(Arguments.of("conv", 1, true), Arguments.of("conv", 2, true), Arguments.of("conv", 2, false),
                Arguments.of("mlp", 1, true), Arguments.of("mlp", 2, true));
    }

    @ParameterizedTest(name = "{0}, {1} head step(s), transductive BN {2}")
    @MethodSource("cases")
    void exactMetaGradientMatchesFiniteDifferences(String net, int steps, boolean transductive) {
        boolean conv = net.equals("conv");
        EpisodeSource source = conv
                ? new ImageEpisodeSource(new SyntheticImagePool(12, 6, 8, 4, 0.1, 3), new TaskSpec(3, 1, 2), 3, "synthetic/train")
                : new SinusoidEpisodeSource(new TaskSpec(1, 5, 5), 3);
        AnilConfig config = new AnilConfig(conv ? 0.5 : 0.05, steps, steps, 2, 1e-3, 3, Conv4.Variant.STRIDED, 6,
                transductive, false);
        LearnerContext context = new LearnerContext(Device.cpu(), source.kind(), source.exampleShape(), source.spec(),
                source.spec(), source.classCount(), 11);
        List<Episode> batch = List.of(source.episode(0), source.episode(1));
        try (AnilProbe probe = new AnilProbe(config, context, DataType.FLOAT64)) {
            double[][] exact = probe.metaGradient(batch, true);
            double[][] firstOrder = probe.metaGradient(batch, false);
            FiniteDifferences.Result r = FiniteDifferences.check(probe.values(), exact, firstOrder, probe::setValues,
                    () -> probe.metaLoss(batch), H, 6, 5);
            System.out.printf("anil %s, %d step(s), transductive %s: %d coordinates, exact %.2e, first order %.2e%n", net, steps,
                    transductive, r.checked(), r.worst(), r.worstControl());
            assertTrue(r.worst() < TOLERANCE, "exact meta-gradient off by " + r.worst() + " at " + r.worstAt());
            assertTrue(r.worstControl() > 100 * TOLERANCE,
                    "first order as close as exact (" + r.worstControl() + "): the check cannot see second-order terms");
        }
    }
}
