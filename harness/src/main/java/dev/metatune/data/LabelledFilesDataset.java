package dev.metatune.data;

import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A classification data set whose splits are lists of image files grouped by class (mini-ImageNet,
 * image-folder): each split is listed on demand, decoded once into a cached {@link ByteImagePool},
 * and served as N-way K-shot episodes. Subclasses say only how a split's files are listed.
 * Thread-safe.
 */
public abstract class LabelledFilesDataset implements Dataset {

    private final String name;
    private final List<String> splits;
    private final Path cacheDir;
    private final int size;
    private final Map<String, ByteImagePool> pools = new HashMap<>();

    protected LabelledFilesDataset(String name, List<String> splits, DataOptions options, int defaultSize) {
        this.name = name;
        this.splits = List.copyOf(splits);
        this.cacheDir = options.cacheDir();
        this.size = options.imageSizeOr(defaultSize);
    }

    /** The split's classes and their image files; a {@link DataException} naming the file when they cannot be read. */
    protected abstract LabelledImageFiles listing(String split);

    /** Where the split's listing lives, for {@code datasets}' detail column. */
    protected abstract Path listingLocation(String split);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final TaskKind kind() {
        return TaskKind.CLASSIFICATION;
    }

    @Override
    public final List<String> splits() {
        return splits;
    }

    @Override
    public final SplitInfo info(String split) {
        checkSplit(split);
        try {
            LabelledImageFiles files = listing(split);
            return new SplitInfo(name, split, true, files.classes().size(), files.minImagesPerClass(),
                    listingLocation(split).toString());
        } catch (DataException e) {
            return new SplitInfo(name, split, false, 0, 0, e.getMessage());
        }
    }

    @Override
    public final EpisodeSource episodes(String split, TaskSpec spec, long seed) {
        return new ImageEpisodeSource(pool(split), spec, seed, name + "/" + split);
    }

    @Override
    public final synchronized ImagePool pool(String split) {
        checkSplit(split);
        ByteImagePool pool = pools.get(split);
        if (pool == null) {
            pool = new ByteImagePool(listing(split).load(cacheDir, name + "-" + split, size), 1f / 255f);
            pools.put(split, pool);
        }
        return pool;
    }

    private void checkSplit(String split) {
        if (!splits.contains(split)) {
            throw new DataException(name + " has no split '" + split + "'; known: " + String.join(", ", splits));
        }
    }
}
