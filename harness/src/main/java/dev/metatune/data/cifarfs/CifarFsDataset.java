package dev.metatune.data.cifarfs;

import dev.metatune.data.ByteImagePool;
import dev.metatune.data.DataException;
import dev.metatune.data.DataOptions;
import dev.metatune.data.Dataset;
import dev.metatune.data.ImageEpisodeSource;
import dev.metatune.data.ImagePool;
import dev.metatune.data.LabelledImageFiles;
import dev.metatune.data.SplitInfo;
import dev.metatune.data.cache.CachedImages;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** CIFAR-FS opened under {@code <data root>/cifar-fs}; see {@link CifarFsProvider}. Thread-safe. */
final class CifarFsDataset implements Dataset {

    /** One line of a class split list. */
    private record SplitClass(String name, int line, String source) {
    }

    private final Path dir;
    private final Path cacheDir;
    private final int size;
    private final Map<String, ImagePool> pools = new HashMap<>();
    private CachedImages binary;

    CifarFsDataset(DataOptions options) {
        this.dir = options.dataRoot().resolve(CifarFsProvider.NAME);
        this.cacheDir = options.cacheDir();
        this.size = options.imageSizeOr(CifarFsProvider.DEFAULT_SIZE);
    }

    @Override
    public String name() {
        return CifarFsProvider.NAME;
    }

    @Override
    public TaskKind kind() {
        return TaskKind.CLASSIFICATION;
    }

    @Override
    public List<String> splits() {
        return CifarFsProvider.SPLITS;
    }

    private Path binaryDir() {
        return dir.resolve("cifar-100-binary");
    }

    private Path folderDir() {
        return dir.resolve("data");
    }

    @Override
    public SplitInfo info(String split) {
        checkSplit(split);
        try {
            List<SplitClass> classes = classList(split);
            int min = Integer.MAX_VALUE;
            if (Files.isDirectory(binaryDir())) {
                List<String> names = CifarBinary.labelNames(binaryDir());
                int[] counts = CifarBinary.countLabels(binaryDir(), names.size());
                for (int i : binaryIndices(classes, names)) {
                    min = Math.min(min, counts[i]);
                }
                return new SplitInfo(name(), split, true, classes.size(), min, binaryDir().toString());
            }
            LabelledImageFiles files = folderListing(split, classes);
            return new SplitInfo(name(), split, true, classes.size(), files.minImagesPerClass(), folderDir().toString());
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
        ImagePool pool = pools.get(split);
        if (pool == null) {
            List<SplitClass> classes = classList(split);
            if (Files.isDirectory(binaryDir())) {
                if (binary == null) {
                    binary = CifarBinary.read(binaryDir(), size, "cifar-100-binary");
                }
                pool = new ByteImagePool(binary, binaryIndices(classes, binary.names()), 1f / 255f);
            } else {
                pool = new ByteImagePool(folderListing(split, classes).load(cacheDir, "cifar-fs-" + split, size),
                        1f / 255f);
            }
            pools.put(split, pool);
        }
        return pool;
    }

    private static int[] binaryIndices(List<SplitClass> classes, List<String> names) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        int[] out = new int[classes.size()];
        for (int i = 0; i < out.length; i++) {
            SplitClass c = classes.get(i);
            Integer label = index.get(c.name());
            if (label == null) {
                throw new DataException(c.source() + " line " + c.line() + ": class '" + c.name()
                        + "' is not one of the fine label names in fine_label_names.txt");
            }
            out[i] = label;
        }
        return out;
    }

    private LabelledImageFiles folderListing(String split, List<SplitClass> classes) {
        Path data = folderDir();
        if (!Files.isDirectory(data)) {
            throw new DataException("no CIFAR-100 under " + dir + "; expected cifar-100-binary/{train.bin,test.bin,"
                    + "fine_label_names.txt} (the official binary version) or data/<class>/*.png (the CIFAR-FS layout)");
        }
        List<String> names = new ArrayList<>();
        List<List<Path>> files = new ArrayList<>();
        for (SplitClass c : classes) {
            Path classDir = data.resolve(c.name());
            if (!Files.isDirectory(classDir)) {
                throw new DataException(c.source() + " line " + c.line() + ": class '" + c.name() + "' has no folder "
                        + classDir);
            }
            try (Stream<Path> s = Files.list(classDir)) {
                files.add(s.filter(Files::isRegularFile).filter(p -> {
                    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
                }).sorted().toList());
            } catch (IOException e) {
                throw new DataException(classDir + ": cannot be listed (" + e.getMessage() + ")", e);
            }
            names.add(c.name());
        }
        return new LabelledImageFiles(name() + " " + data, names, files);
    }

    /** The split's class names: {@code splits/bertinetto/<split>.txt} when present, else the published lists. */
    private List<SplitClass> classList(String split) {
        Path file = dir.resolve("splits").resolve("bertinetto").resolve(split + ".txt");
        List<String> lines;
        String source;
        if (!Files.isDirectory(dir)) {
            throw new DataException("no folder " + dir + "; expected cifar-100-binary/ or data/<class>/ in it");
        }
        try {
            if (Files.isRegularFile(file)) {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                source = file.toString();
            } else {
                String resource = "bertinetto/" + split + ".txt";
                try (InputStream in = CifarFsDataset.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("the shipped class list " + resource + " is missing from the jar");
                    }
                    lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
                }
                source = "the published CIFAR-FS " + split + " classes";
            }
        } catch (IOException e) {
            throw new DataException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        List<SplitClass> classes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int n = 0; n < lines.size(); n++) {
            String name = lines.get(n).strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!seen.add(name)) {
                throw new DataException(source + " line " + (n + 1) + ": class '" + name + "' appears twice");
            }
            classes.add(new SplitClass(name, n + 1, source));
        }
        if (classes.isEmpty()) {
            throw new DataException(source + ": holds no classes; expected one CIFAR-100 fine label name a line");
        }
        return classes;
    }

    private void checkSplit(String split) {
        if (!CifarFsProvider.SPLITS.contains(split)) {
            throw new DataException(name() + " has no split '" + split + "'; known: " + String.join(", ", splits()));
        }
    }
}
