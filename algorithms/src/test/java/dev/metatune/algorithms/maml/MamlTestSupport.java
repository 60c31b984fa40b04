package dev.metatune.algorithms.maml;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.algorithms.backbone.FunctionalNetwork;
import dev.metatune.algorithms.backbone.Mlp;
import dev.metatune.data.ImageEpisodeSource;
import dev.metatune.data.sinusoid.SinusoidEpisodeSource;
import dev.metatune.data.synthetic.SyntheticImagePool;
import dev.metatune.learner.LearnerContext;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;

/** Small networks, tasks and learners for the MAML tests. */
final class MamlTestSupport {

    private MamlTestSupport() {
    }

    /**
     * Settings whose networks are {@link #tinyConv()} on {@link #tinyImages} and {@link #tinyMlp()} on
     * {@link #sinusoids} (3 filters, 6 hidden units).
     */
    static MamlConfig config(double innerLr, int innerSteps, int metaBatch, boolean firstOrder, boolean transductive) {
        return new MamlConfig(innerLr, innerSteps, innerSteps, metaBatch, 1e-3, 3, Conv4.Variant.STRIDED, 6,
                transductive, firstOrder, 0);
    }

    /** 3-way 1-shot 2-query tasks of 8x8 synthetic images. */
    static EpisodeSource tinyImages(long seed) {
        TaskSpec spec = new TaskSpec(3, 1, 2);
        return new ImageEpisodeSource(new SyntheticImagePool(12, 6, 8, 4, 0.1, seed), spec, seed, "synthetic/train");
    }

    static EpisodeSource sinusoids(long seed) {
        return new SinusoidEpisodeSource(new TaskSpec(1, 5, 5), seed);
    }

    /** A strided Conv-4 with 3 filters on 8x8 images and a 3-way head (8 -> 4 -> 2 -> 1 -> 1). */
    static FunctionalNetwork tinyConv() {
        return new Conv4(Conv4.Variant.STRIDED, 1, 8, 8, 3, 3);
    }

    /** 1 -> 6 -> 6 -> 1. */
    static FunctionalNetwork tinyMlp() {
        return new Mlp(1, new int[] {6, 6}, 1);
    }

    static LearnerContext context(EpisodeSource source, long seed) {
        return new LearnerContext(Device.cpu(), source.kind(), source.exampleShape(), source.spec(), source.spec(),
                source.classCount(), seed);
    }

    /** The production learner (float32, the network {@code config} gives for the source's tasks). */
    static MamlLearner learner(MamlConfig config, EpisodeSource source, long seed) {
        return new MamlLearner(config, context(source, seed));
    }

    /** The production meta-gradient over parameters of {@code net} in {@code type}. */
    static MetaGradientProbe probe(MamlConfig config, EpisodeSource source, FunctionalNetwork net, DataType type, long seed) {
        return new MetaGradientProbe(config, context(source, seed), net, type);
    }

    static List<Episode> batch(EpisodeSource source, long first, int size) {
        List<Episode> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            out.add(source.episode(first + i));
        }
        return out;
    }
}
