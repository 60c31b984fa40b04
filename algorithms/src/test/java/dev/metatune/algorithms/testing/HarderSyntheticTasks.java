package dev.metatune.algorithms.testing;

import dev.metatune.data.ImageEpisodeSource;
import dev.metatune.data.synthetic.SyntheticImagePool;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskSpec;

/**
 * Synthetic 28x28 tasks on which an untrained Conv-4 is clearly beaten by a trained one (finer
 * patterns and more pixel noise than {@link SyntheticTasks}, whose tasks a random embedding already
 * nearly solves by nearest neighbour); disjoint train and test class pools, 20 images per class.
 */
public final class HarderSyntheticTasks {

    /** Pattern grid (cells per side) and pixel noise of both pools. */
    public static final int GRID = 7;
    public static final double NOISE = 0.3;

    private HarderSyntheticTasks() {
    }

    public static EpisodeSource train(TaskSpec spec, long seed) {
        return new ImageEpisodeSource(new SyntheticImagePool(SyntheticTasks.TRAIN_CLASSES, 20, SyntheticTasks.SIZE, GRID,
                NOISE, 11), spec, seed, "synthetic-hard/train");
    }

    public static EpisodeSource test(TaskSpec spec, long seed) {
        return new ImageEpisodeSource(new SyntheticImagePool(30, 20, SyntheticTasks.SIZE, GRID, NOISE, 23), spec, seed,
                "synthetic-hard/test");
    }
}
