package dev.metatune.algorithms.maml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.data.ImageEpisodeSource;
import dev.metatune.data.synthetic.SyntheticImagePool;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.Prediction;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskSpec;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * First-order MAML (Finn et al. 2017, section 5.2; Nichol et al. 2018) applies the plain query-loss
 * gradient taken at the adapted weights; adaptation lowers the support loss; and the exact
 * meta-gradient reaches every meta-parameter.
 */
class FirstOrderAndAdaptationTest {

    @ParameterizedTest(name = "{0} inner step(s)")
    @ValueSource(ints = {1, 2})
    void firstOrderGradientIsThePlainGradientAtTheAdaptedWeights(int innerSteps) {
        EpisodeSource source = MamlTestSupport.tinyImages(4);
        Episode episode = source.episode(0);
        MamlConfig config = MamlTestSupport.config(0.5, innerSteps, 1, true, true);
        try (MetaGradientProbe fo = MamlTestSupport.probe(config, source, MamlTestSupport.tinyConv(), DataType.FLOAT64, 9);
             MetaGradientProbe plain = MamlTestSupport.probe(config, source, MamlTestSupport.tinyConv(), DataType.FLOAT64, 9)) {
            double[][] metaGradient = fo.metaGradient(List.of(episode), false);
            double[][] adapted = fo.adaptedWeights(episode.support(), innerSteps);
            plain.setValues(adapted);
            double[][] atAdapted = plain.plainGradient(episode);
            double[][] atStart = fo.plainGradient(episode);
            double maxDiff = 0;
            double maxMoved = 0;
            for (int i = 0; i < adapted.length; i++) {
                for (int j = 0; j < adapted[i].length; j++) {
                    maxDiff = Math.max(maxDiff, Math.abs(metaGradient[i][j] - atAdapted[i][j]));
                    maxMoved = Math.max(maxMoved, Math.abs(atStart[i][j] - atAdapted[i][j]));
                }
            }
            assertTrue(maxDiff < 1e-12, "first-order meta-gradient differs from the gradient at the adapted weights by " + maxDiff);
            assertTrue(maxMoved > 1e-3, "adaptation did not change the gradient (" + maxMoved + "): the test cannot fail");
        }
    }

    @ParameterizedTest(name = "transductive BN {0}")
    @ValueSource(booleans = {true, false})
    void adaptationLowersTheSupportLossOnImages(boolean transductive) {
        EpisodeSource source = new ImageEpisodeSource(new SyntheticImagePool(20, 6, 28, 7, 0.05, 2), new TaskSpec(5, 1, 3), 2,
                "synthetic/train");
        for (long e = 0; e < 3; e++) {
            Examples support = source.episode(e).support();
            double before = supportLoss(new MamlConfig(0.4, 1, 0, 4, 1e-3, 16, Conv4.Variant.STRIDED, 8, transductive, false, 0),
                    source, support);
            double after = supportLoss(new MamlConfig(0.4, 1, 3, 4, 1e-3, 16, Conv4.Variant.STRIDED, 8, transductive, false, 0),
                    source, support);
            assertTrue(after < before, "episode " + e + ": support loss " + before + " -> " + after);
        }
    }

    @ParameterizedTest(name = "{0} steps")
    @ValueSource(ints = {1, 10})
    void adaptationLowersTheSupportLossOnSinusoids(int steps) {
        EpisodeSource source = MamlTestSupport.sinusoids(6);
        for (long e = 0; e < 3; e++) {
            Examples support = source.episode(e).support();
            double before = supportLoss(new MamlConfig(0.01, 1, 0, 4, 1e-3, 4, Conv4.Variant.STRIDED, 40, true, false, 0),
                    source, support);
            double after = supportLoss(new MamlConfig(0.01, 1, steps, 4, 1e-3, 4, Conv4.Variant.STRIDED, 40, true, false, 0),
                    source, support);
            assertTrue(after < before, "episode " + e + ": support MSE " + before + " -> " + after);
        }
    }

    @ParameterizedTest(name = "first order {0}")
    @ValueSource(booleans = {false, true})
    void everyMetaParameterReceivesAGradient(boolean firstOrder) {
        EpisodeSource source = new ImageEpisodeSource(new SyntheticImagePool(20, 6, 28, 7, 0.05, 3), new TaskSpec(5, 1, 3), 3,
                "synthetic/train");
        Conv4 net = new Conv4(Conv4.Variant.STRIDED, 1, 28, 28, 8, 5);
        MamlConfig config = MamlTestSupport.config(0.4, 1, 2, firstOrder, true);
        try (MetaGradientProbe probe = MamlTestSupport.probe(config, source, net, DataType.FLOAT32, 5)) {
            double[][] g = probe.metaGradient(MamlTestSupport.batch(source, 0, 2), !firstOrder);
            double smallestUsed = Double.MAX_VALUE;
            double largestBias = 0;
            for (int i = 0; i < g.length; i++) {
                double norm = norm(g[i]);
                String name = net.parameters().get(i).name();
                if (name.startsWith("conv") && name.endsWith(".bias")) {
                    // a bias added right before BatchNorm is subtracted again with the batch mean: its
                    // gradient is zero in exact arithmetic (kept to match the reference's parameters)
                    largestBias = Math.max(largestBias, norm);
                } else {
                    assertTrue(norm > 1e-6, name + " receives no gradient (norm " + norm + ")");
                    smallestUsed = Math.min(smallestUsed, norm);
                }
            }
            assertTrue(largestBias < 1e-3 * smallestUsed, "conv bias gradient " + largestBias + " vs " + smallestUsed);
        }
        EpisodeSource sin = MamlTestSupport.sinusoids(3);
        try (MetaGradientProbe probe = MamlTestSupport.probe(MamlTestSupport.config(0.01, 1, 2, firstOrder, true), sin,
                MamlTestSupport.tinyMlp(), DataType.FLOAT32, 5)) {
            double[][] g = probe.metaGradient(MamlTestSupport.batch(sin, 0, 2), !firstOrder);
            for (int i = 0; i < g.length; i++) {
                assertTrue(norm(g[i]) > 1e-6, "MLP parameter " + i + " receives no gradient");
            }
        }
    }

    /** The support loss of the production learner's adapted model (its network is the one {@code config} gives). */
    private static double supportLoss(MamlConfig config, EpisodeSource source, Examples support) {
        try (MamlLearner learner = MamlTestSupport.learner(config, source, 13);
             AdaptedModel model = learner.adapt(support)) {
            Prediction p = model.predict(support);
            if (p.values() != null) {
                double sum = 0;
                for (int i = 0; i < support.count(); i++) {
                    double d = p.values()[i] - support.targets()[i];
                    sum += d * d;
                }
                return sum / support.count();
            }
            int ways = p.scores().length / support.count();
            assertEquals(support.count() * ways, p.scores().length);
            double sum = 0;
            for (int i = 0; i < support.count(); i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < ways; k++) {
                    max = Math.max(max, p.scores()[i * ways + k]);
                }
                double z = 0;
                for (int k = 0; k < ways; k++) {
                    z += Math.exp(p.scores()[i * ways + k] - max);
                }
                sum += max + Math.log(z) - p.scores()[i * ways + support.labels()[i]];
            }
            return sum / support.count();
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
