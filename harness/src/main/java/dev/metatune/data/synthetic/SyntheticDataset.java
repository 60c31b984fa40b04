package dev.metatune.data.synthetic;

import dev.metatune.data.DataException;
import dev.metatune.data.Dataset;
import dev.metatune.data.ImageEpisodeSource;
import dev.metatune.data.ImagePool;
import dev.metatune.data.SplitInfo;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.List;

/** The {@code synthetic} data set; see {@link SyntheticProvider}. Immutable. */
final class SyntheticDataset implements Dataset {

    static final List<String> SPLITS = List.of("train", "val", "test");
    static final int DEFAULT_SIZE = 28;
    static final int IMAGES_PER_CLASS = 20;
    /** The smallest image size the strokes still show on. */
    static final int MIN_SIZE = 7;

    private final int size;

    SyntheticDataset(int size) {
        if (size < MIN_SIZE) {
            throw new IllegalArgumentException("synthetic image size must be at least " + MIN_SIZE + ", got " + size);
        }
        this.size = size;
    }

    @Override
    public String name() {
        return SyntheticProvider.NAME;
    }

    @Override
    public TaskKind kind() {
        return TaskKind.CLASSIFICATION;
    }

    @Override
    public List<String> splits() {
        return SPLITS;
    }

    @Override
    public SplitInfo info(String split) {
        return new SplitInfo(name(), split, true, classes(split), IMAGES_PER_CLASS, "generated strokes, " + size + "x" + size);
    }

    @Override
    public EpisodeSource episodes(String split, TaskSpec spec, long seed) {
        return new ImageEpisodeSource(pool(split), spec, seed, name() + "/" + split);
    }

    @Override
    public ImagePool pool(String split) {
        return SyntheticImagePool.strokes(classes(split), IMAGES_PER_CLASS, size, StrokeStyle.DEFAULT, strokeSeed(split));
    }

    private static int classes(String split) {
        return switch (split) {
            case "train" -> 64;
            case "val" -> 16;
            case "test" -> 20;
            default -> throw new DataException("synthetic has no split '" + split + "'; known: " + String.join(", ", SPLITS));
        };
    }

    /** A fixed seed per split: each split has its own stroke pool, so the splits share no class. */
    static long strokeSeed(String split) {
        return switch (split) {
            case "train" -> 0x5917_0001L;
            case "val" -> 0x5917_0002L;
            default -> 0x5917_0003L;
        };
    }
}
