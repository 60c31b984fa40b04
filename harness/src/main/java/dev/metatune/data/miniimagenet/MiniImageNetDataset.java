package dev.metatune.data.miniimagenet;

import dev.metatune.data.DataException;
import dev.metatune.data.DataOptions;
import dev.metatune.data.LabelledFilesDataset;
import dev.metatune.data.LabelledImageFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** mini-ImageNet opened under {@code <data root>/mini-imagenet}; see {@link MiniImageNetProvider}. Thread-safe. */
final class MiniImageNetDataset extends LabelledFilesDataset {

    private final Path dir;

    MiniImageNetDataset(DataOptions options) {
        super(MiniImageNetProvider.NAME, MiniImageNetProvider.SPLITS, options, MiniImageNetProvider.DEFAULT_SIZE);
        this.dir = options.dataRoot().resolve(MiniImageNetProvider.NAME);
    }

    @Override
    protected Path listingLocation(String split) {
        return dir.resolve(split + ".csv");
    }

    /** The split's CSV as classes (sorted labels) and their image files (CSV order). */
    @Override
    protected LabelledImageFiles listing(String split) {
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
}
