package dev.metatune.data.imagefolder;

import dev.metatune.data.ByteImagePool;
import dev.metatune.data.DataException;
import dev.metatune.data.DataOptions;
import dev.metatune.data.Dataset;
import dev.metatune.data.ImageEpisodeSource;
import dev.metatune.data.ImagePool;
import dev.metatune.data.LabelledImageFiles;
import dev.metatune.data.SplitInfo;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** The {@code image-folder} data set; see {@link ImageFolderProvider}. Thread-safe. */
final class ImageFolderDataset implements Dataset {

    private final Path dir;
    private final Path cacheDir;
    private final int size;
    private final Map<String, ByteImagePool> pools = new HashMap<>();

    ImageFolderDataset(DataOptions options) {
        this.dir = options.dataRoot().resolve(ImageFolderProvider.NAME);
        this.cacheDir = options.cacheDir();
        this.size = options.imageSizeOr(ImageFolderProvider.DEFAULT_SIZE);
    }

    @Override
    public String name() {
        return ImageFolderProvider.NAME;
    }

    @Override
    public TaskKind kind() {
        return TaskKind.CLASSIFICATION;
    }

    @Override
    public List<String> splits() {
        return ImageFolderProvider.SPLITS;
    }

    @Override
    public SplitInfo info(String split) {
        checkSplit(split);
        try {
            LabelledImageFiles files = listing(split);
            return new SplitInfo(name(), split, true, files.classes().size(), files.minImagesPerClass(),
                    dir.resolve(split).toString());
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
        ByteImagePool pool = pools.get(split);
        if (pool == null) {
            pool = new ByteImagePool(listing(split).load(cacheDir, "image-folder-" + split, size), 1f / 255f);
            pools.put(split, pool);
        }
        return pool;
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    private LabelledImageFiles listing(String split) {
        Path splitDir = dir.resolve(split);
        if (!Files.isDirectory(splitDir)) {
            throw new DataException("missing folder " + splitDir + "; expected " + split + "/<class>/<image>.png|jpg");
        }
        List<String> classes = new ArrayList<>();
        List<List<Path>> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(splitDir)) {
            for (Path classDir : entries.sorted().toList()) {
                if (!Files.isDirectory(classDir)) {
                    if (isImage(classDir)) {
                        throw new DataException(splitDir + " holds the image " + classDir.getFileName()
                                + " outside a class folder; expected " + split + "/<class>/<image>");
                    }
                    continue;
                }
                List<Path> images;
                try (Stream<Path> s = Files.list(classDir)) {
                    images = s.filter(Files::isRegularFile).filter(ImageFolderDataset::isImage).sorted().toList();
                }
                if (images.isEmpty()) {
                    throw new DataException(classDir + ": class folder holds no .png or .jpg images");
                }
                classes.add(classDir.getFileName().toString());
                files.add(images);
            }
        } catch (IOException e) {
            throw new DataException(splitDir + ": cannot be listed (" + e.getMessage() + ")", e);
        }
        if (classes.isEmpty()) {
            throw new DataException(splitDir + ": holds no class folders; expected " + split + "/<class>/<image>");
        }
        return new LabelledImageFiles(name() + " " + splitDir, classes, files);
    }

    private void checkSplit(String split) {
        if (!ImageFolderProvider.SPLITS.contains(split)) {
            throw new DataException(name() + " has no split '" + split + "'; known: " + String.join(", ", splits()));
        }
    }
}
