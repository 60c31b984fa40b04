package dev.metatune.data.omniglot;

import dev.metatune.data.DataException;
import dev.metatune.data.DataOptions;
import dev.metatune.data.Dataset;
import dev.metatune.data.ImageEpisodeSource;
import dev.metatune.data.ImagePool;
import dev.metatune.data.SplitInfo;
import dev.metatune.data.cache.CachedImages;
import dev.metatune.data.cache.Fingerprint;
import dev.metatune.data.cache.ImageCache;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Omniglot opened under {@code <data root>/omniglot}; see {@link OmniglotProvider} for the splits, the
 * preprocessing and the cache. Archives are indexed and decoded on first use and kept; thread-safe.
 */
final class OmniglotDataset implements Dataset {

    static final String BACKGROUND = "images_background";
    static final String EVALUATION = "images_evaluation";
    /** Bump when the preprocessing changes, so old cache files are not used. */
    static final String PREPROCESSING = "nearest-centre binary stroke=1 v1";

    private final Path dir;
    private final Path cacheDir;
    private final int size;
    private final OmniglotDownload download;
    private final Map<String, OmniglotArchive> archives = new HashMap<>();
    private final Map<String, CachedImages> decoded = new HashMap<>();
    private final Map<String, OmniglotPool> pools = new HashMap<>();

    OmniglotDataset(DataOptions options, OmniglotDownload download) {
        this.dir = options.dataRoot().resolve(OmniglotProvider.NAME);
        this.cacheDir = options.cacheDir();
        this.size = options.imageSizeOr(OmniglotProvider.DEFAULT_SIZE);
        this.download = options.allowDownload() ? download : null;
    }

    @Override
    public String name() {
        return OmniglotProvider.NAME;
    }

    @Override
    public TaskKind kind() {
        return TaskKind.CLASSIFICATION;
    }

    @Override
    public List<String> splits() {
        return OmniglotProvider.SPLITS;
    }

    @Override
    public SplitInfo info(String split) {
        checkSplit(split);
        try {
            if (!Files.isDirectory(dir)) {
                return new SplitInfo(name(), split, false, 0, 0, "no folder " + dir);
            }
            if (isLakeSplit(split)) {
                OmniglotArchive a = archive(stemOf(split));
                return new SplitInfo(name(), split, true, a.characters().size(), a.minDrawings(), a.source().toString());
            }
            List<VinyalsSplitFile.Entry> entries = readSplit(split);
            int min = Integer.MAX_VALUE;
            for (VinyalsSplitFile.Entry e : entries) {
                OmniglotArchive a = archiveOf(e.character());
                min = Math.min(min, a.minDrawings());
            }
            return new SplitInfo(name(), split, true, entries.size(), min, splitFile(split).toString());
        } catch (DataException e) {
            return new SplitInfo(name(), split, false, 0, 0, e.getMessage());
        }
    }

    @Override
    public EpisodeSource episodes(String split, TaskSpec spec, long seed) {
        return new ImageEpisodeSource(pool(split), spec, seed, name() + "/" + split);
    }

    @Override
    public synchronized ImagePool pool(String split) {
        checkSplit(split);
        OmniglotPool pool = pools.get(split);
        if (pool == null) {
            ensureFiles();
            pool = buildPool(split);
            pools.put(split, pool);
        }
        return pool;
    }

    private OmniglotPool buildPool(String split) {
        List<OmniglotClass> classes = new ArrayList<>();
        if (isLakeSplit(split)) {
            CachedImages images = decoded(stemOf(split));
            for (int c = 0; c < images.names().size(); c++) {
                classes.add(new OmniglotClass(images.names().get(c), images.pixels().get(c), size, 0));
            }
        } else {
            for (VinyalsSplitFile.Entry e : readSplit(split)) {
                CachedImages images = decoded(archiveOf(e.character()).stem());
                int c = Collections.binarySearch(images.names(), e.character());
                classes.add(new OmniglotClass(e.line(), images.pixels().get(c), size, e.quarterTurns()));
            }
        }
        return new OmniglotPool(classes, size);
    }

    private List<VinyalsSplitFile.Entry> readSplit(String split) {
        OmniglotArchive background = archive(BACKGROUND);
        OmniglotArchive evaluation = archive(EVALUATION);
        return VinyalsSplitFile.read(splitFile(split), c -> background.contains(c) || evaluation.contains(c));
    }

    private Path splitFile(String split) {
        return dir.resolve("splits").resolve("vinyals").resolve(split + ".txt");
    }

    private OmniglotArchive archiveOf(String character) {
        OmniglotArchive background = archive(BACKGROUND);
        return background.contains(character) ? background : archive(EVALUATION);
    }

    private synchronized OmniglotArchive archive(String stem) {
        OmniglotArchive a = archives.get(stem);
        if (a == null) {
            a = OmniglotArchive.open(dir, stem);
            archives.put(stem, a);
        }
        return a;
    }

    /** The decoded drawings of one archive: from the cache when it is current, else decoded and cached. */
    private synchronized CachedImages decoded(String stem) {
        CachedImages images = decoded.get(stem);
        if (images == null) {
            OmniglotArchive a = archive(stem);
            String fingerprint = new Fingerprint().add(a.fingerprint()).add(size).add(PREPROCESSING).finish();
            ImageCache cache = ImageCache.in(cacheDir, "omniglot-" + stem + "-" + size + "px", fingerprint);
            images = cache.readOrBuild(fingerprint, () -> a.decode(size, fingerprint));
            decoded.put(stem, images);
        }
        return images;
    }

    /**
     * Downloads what is missing when downloads are allowed (only on the way to images: {@link #info} never
     * downloads); otherwise leaves the errors to the readers.
     */
    private synchronized void ensureFiles() {
        if (download != null) {
            download.fetchMissing(dir);
        }
    }

    private static boolean isLakeSplit(String split) {
        return split.equals("background") || split.equals("evaluation");
    }

    private static String stemOf(String split) {
        return split.equals("background") ? BACKGROUND : EVALUATION;
    }

    private void checkSplit(String split) {
        if (!OmniglotProvider.SPLITS.contains(split)) {
            throw new DataException("omniglot has no split '" + split + "'; known: " + String.join(", ", splits()));
        }
    }
}
