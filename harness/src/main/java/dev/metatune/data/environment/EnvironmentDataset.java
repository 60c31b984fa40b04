package dev.metatune.data.environment;

import dev.metatune.data.DataException;
import dev.metatune.data.Dataset;
import dev.metatune.data.ImagePool;
import dev.metatune.data.SplitInfo;
import dev.metatune.task.EnvironmentFamily;
import dev.metatune.task.EpisodeSeeds;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.List;
import java.util.Objects;

/**
 * The data set of an {@link EnvironmentFamily}: generated tasks, no files. Splits {@code train},
 * {@code val} and {@code test} draw their tasks from different seed streams of the same distribution.
 * Immutable.
 */
public final class EnvironmentDataset implements Dataset {

    /** The split names. */
    public static final List<String> SPLITS = List.of("train", "val", "test");

    private final EnvironmentFamily family;

    public EnvironmentDataset(EnvironmentFamily family) {
        this.family = Objects.requireNonNull(family, "family");
    }

    @Override
    public String name() {
        return family.name();
    }

    @Override
    public TaskKind kind() {
        return TaskKind.REINFORCEMENT;
    }

    @Override
    public List<String> splits() {
        return SPLITS;
    }

    @Override
    public SplitInfo info(String split) {
        splitStream(split);
        return new SplitInfo(name(), split, true, 0, 0, "reinforcement learning, generated: parameters "
                + family.parameterNames() + ", horizon " + family.horizon());
    }

    @Override
    public EpisodeSource episodes(String split, TaskSpec spec, long seed) {
        long stream = splitStream(split);
        if (spec.ways() != 1) {
            throw new DataException(name() + ": ways must be 1 (a reinforcement-learning task), got " + spec.ways());
        }
        return new EnvironmentEpisodeSource(family, spec, EpisodeSeeds.mix(seed ^ stream));
    }

    @Override
    public ImagePool pool(String split) {
        splitStream(split);
        throw new DataException(name() + "/" + split + " is a reinforcement-learning data set: it has no classes or images");
    }

    /** A distinct constant per split, mixed into the seed so splits never share a task. */
    private long splitStream(String split) {
        return switch (split) {
            case "train" -> 0x52_0001L;
            case "val" -> 0x52_0002L;
            case "test" -> 0x52_0003L;
            default -> throw new DataException(name() + " has no split '" + split + "'; known: " + String.join(", ", SPLITS));
        };
    }
}
