package dev.metatune.data.miniimagenet;

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
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** mini-ImageNet opened under {@code <data root>/mini-imagenet}; see {@link MiniImageNetProvider}. Thread-safe. */
final class MiniImageNetDataset implements Dataset {

    private final Path dir;
    private final Path cacheDir;
    private final int size;
    private final Map<String, ByteImagePool> pools = new HashMap<>();

    MiniImageNetDataset(DataOptions options) {
        this.dir = options.dataRoot().resolve(MiniImageNetProvider.NAME);
        this.cacheDir = options.cacheDir();
        this.size = options.imageSizeOr(MiniImageNetProvider.DEFAULT_SIZE);
    }

    @Override
    public String name() {
        return MiniImageNetProvider.NAME;
    }

    @Override
    public TaskKind kind() {
        return TaskKind.CLASSIFICATION;
    }

    @Override
    public List<String> splits() {
        return MiniImageNetProvider.SPLITS;
    }

    @Override
    public SplitInfo info(String split) {
        checkSplit(split);
        try {
            LabelledImageFiles files = listing(split);
            return new SplitInfo(name(), split, true, files.classes().size(), files.minImagesPerClass(),
                    dir.resolve(split + ".csv").toString());
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
            pool = new ByteImagePool(listing(split).load(cacheDir, "mini-imagenet-" + split, size), 1f / 255f);
            pools.put(split, pool);
        }
        return pool;
    }

    /** The split's CSV as classes (sorted labels) and their image files (CSV order). */
    private LabelledImageFiles listing(String split) {
        Path csv = dir.resolve(split + ".csv");
        Path images = dir.resolve("images");
        Map<String, List<Path>> byLabel = new TreeMap<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames();
            if (!header.equals(List.of("filename", "label"))) {
                throw new DataException(csv + ": header is " + String.join(",", header) + "; expected filename,label");
            }
            if (!Files.isDirectory(images)) {
                throw new DataException("missing folder " + images + "; expected the images that " + csv + " names");
            }
            for (CSVRecord row : parser) {
                if (row.size() != 2 || row.get(0).isEmpty() || row.get(1).isEmpty()) {
                    throw new DataException(csv + " line " + parser.getCurrentLineNumber() + ": '" + String.join(",",
                            row.toList()) + "'; expected filename,label");
                }
                byLabel.computeIfAbsent(row.get(1), k -> new ArrayList<>()).add(images.resolve(row.get(0)));
            }
        } catch (NoSuchFileException e) {
            throw new DataException("missing file " + csv + "; expected a CSV with the header filename,label", e);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new DataException(csv + ": not a readable CSV with the header filename,label (" + e.getMessage() + ")", e);
        }
        Map<String, List<Path>> ordered = new LinkedHashMap<>(byLabel);
        return new LabelledImageFiles(name() + " " + csv, new ArrayList<>(ordered.keySet()),
                new ArrayList<>(ordered.values()));
    }

    private void checkSplit(String split) {
        if (!MiniImageNetProvider.SPLITS.contains(split)) {
            throw new DataException(name() + " has no split '" + split + "'; known: " + String.join(", ", splits()));
        }
    }
}
