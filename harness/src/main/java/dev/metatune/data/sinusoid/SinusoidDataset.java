package dev.metatune.data.sinusoid;

import dev.metatune.data.DataException;
import dev.metatune.data.Dataset;
import dev.metatune.data.ImagePool;
import dev.metatune.data.SplitInfo;
import dev.metatune.task.EpisodeSeeds;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.List;

/** The {@code sinusoid} data set; see {@link SinusoidProvider}. Immutable. */
final class SinusoidDataset implements Dataset {

    static final List<String> SPLITS = List.of("train", "val", "test");

    @Override
    public String name() {
        return SinusoidProvider.NAME;
    }

    @Override
    public TaskKind kind() {
        return TaskKind.REGRESSION;
    }

    @Override
    public List<String> splits() {
        return SPLITS;
    }

    @Override
    public SplitInfo info(String split) {
        splitStream(split);
        return new SplitInfo(name(), split, true, 0, 0, "regression, generated");
    }

    @Override
    public EpisodeSource episodes(String split, TaskSpec spec, long seed) {
        long stream = splitStream(split);
        if (spec.ways() != 1) {
            throw new DataException("sinusoid: ways must be 1 (a regression task), got " + spec.ways());
        }
        return new SinusoidEpisodeSource(spec, EpisodeSeeds.mix(seed ^ stream));
    }

    @Override
    public ImagePool pool(String split) {
        splitStream(split);
        throw new DataException("sinusoid/" + split + " is a regression data set: it has no classes or images");
    }

    /** A distinct constant per split, mixed into the seed so splits never share a function. */
    private static long splitStream(String split) {
        return switch (split) {
            case "train" -> 0x51_0001L;
            case "val" -> 0x51_0002L;
            case "test" -> 0x51_0003L;
            default -> throw new DataException("sinusoid has no split '" + split + "'; known: " + String.join(", ", SPLITS));
        };
    }
}
