package dev.metatune.algorithms.maml;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import dev.metatune.algorithms.backbone.FunctionalNetwork;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact MAML meta-gradient (Finn et al. 2017) against central finite differences of the
 * meta-loss in float64 (several coordinates of every parameter tensor), with 1 and 2 inner steps, on
 * a tiny Conv-4 (with BatchNorm) and a tiny MLP. Both the gradient and the loss come from
 * {@link MetaGradient#compute}, the computation every meta-training step applies (tasks split over
 * the task workers as in training), so the check covers the code that trains. The first-order
 * approximation must miss the finite differences by far more than the tolerance, so the check can
 * tell second order from first order.
 */
class MetaGradientCheckTest {

    private static final double H = 1e-6;
    private static final double TOLERANCE = 1e-6;
    /** Coordinates checked in every parameter tensor (all of a smaller tensor), chosen by a seeded generator. */
    private static final int COORDINATES_PER_TENSOR = 6;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("conv", 1), Arguments.of("conv", 2),
                Arguments.of("mlp", 1), Arguments.of("mlp", 2));
    }

    @ParameterizedTest(name = "{0}, {1} inner step(s)")
    @MethodSource("cases")
    void secondOrderMetaGradientMatchesFiniteDifferences(String net, int innerSteps) {
        boolean conv = net.equals("conv");
        EpisodeSource source = conv ? MamlTestSupport.tinyImages(3) : MamlTestSupport.sinusoids(3);
        FunctionalNetwork network = conv ? MamlTestSupport.tinyConv() : MamlTestSupport.tinyMlp();
        double innerLr = conv ? 0.5 : 0.05;
        List<Episode> batch = MamlTestSupport.batch(source, 0, 2);
        try (MetaGradientProbe probe = MamlTestSupport.probe(MamlTestSupport.config(innerLr, innerSteps, 2, false, true),
                source, network, DataType.FLOAT64, 11)) {
            double[][] exact = probe.metaGradient(batch, true);
            double[][] firstOrder = probe.metaGradient(batch, false);
            double[][] theta = probe.values();
            double worst = 0;
            double firstOrderWorst = 0;
            int checked = 0;
            String worstAt = "";
            SplittableRandom pick = new SplittableRandom(5);
            for (int i = 0; i < theta.length; i++) {
                for (int c = 0; c < Math.min(COORDINATES_PER_TENSOR, theta[i].length); c++) {
                    int j = theta[i].length <= COORDINATES_PER_TENSOR ? c : pick.nextInt(theta[i].length);
                    double saved = theta[i][j];
                    theta[i][j] = saved + H;
                    probe.setValues(theta);
                    double plus = probe.metaLoss(batch);
                    theta[i][j] = saved - H;
                    probe.setValues(theta);
                    double minus = probe.metaLoss(batch);
                    theta[i][j] = saved;
                    double numeric = (plus - minus) / (2 * H);
                    double scale = Math.max(1.0, Math.abs(numeric));
                    double err = Math.abs(exact[i][j] - numeric) / scale;
                    if (err > worst) {
                        worstAt = network.parameters().get(i).name() + "[" + j + "]: exact " + exact[i][j] + ", numeric "
                                + numeric + " (loss " + plus + " / " + minus + ")";
                    }
                    worst = Math.max(worst, err);
                    firstOrderWorst = Math.max(firstOrderWorst, Math.abs(firstOrder[i][j] - numeric) / scale);
                    checked++;
                }
            }
            probe.setValues(theta);
            System.out.printf("%s, %d inner step(s): %d coordinates, max error exact %.2e, first-order %.2e%n", net, innerSteps, checked, worst, firstOrderWorst);
            assertTrue(worst < TOLERANCE, "exact meta-gradient differs from finite differences by " + worst + " at " + worstAt);
            assertTrue(firstOrderWorst > 100 * TOLERANCE,
                    "the first-order gradient is as close as the exact one (" + firstOrderWorst
                            + "): the check cannot see second-order terms");
        }
    }
}
