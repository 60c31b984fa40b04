package dev.metatune.train.episodes;

import dev.metatune.data.DataException;
import dev.metatune.task.Episode;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import dev.metatune.train.model.InputTransform;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A published list of fixed test episodes: a CSV with header {@code episode,role,label,path}, one
 * row per image; {@code role} is {@code support} or {@code query}, {@code label} any string
 * (remapped to 0..N-1 within each episode, in order of first appearance), {@code path} relative to
 * the CSV's folder. Episodes are evaluated in the order they first appear, rows of an episode in file
 * order; episodes may differ in ways and shots. Images are prepared with the model's
 * {@link InputTransform}, so PNGs of the original data give exactly the values training saw.
 *
 * <p>Errors name the file and line (exit 2): missing or extra columns, a role that is neither, a
 * missing or unreadable image, an episode with no query, a query label with no support.
 */
public final class EpisodeList {

    /** The header, in order. */
    public static final List<String> HEADER = List.of("episode", "role", "label", "path");

    private EpisodeList() {
    }

    /** Reads {@code csv}, preparing its images with {@code transform}. */
    public static List<ListedEpisode> read(Path csv, InputTransform transform) throws IOException {
        Path base = csv.toAbsolutePath().getParent();
        Map<String, Builder> episodes = new LinkedHashMap<>();
        if (!Files.isRegularFile(csv)) {
            throw new EpisodeListException(csv + ": no such episode list");
        }
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
            if (!parser.getHeaderNames().equals(HEADER)) {
                throw new EpisodeListException(csv + ":1: the header must be " + String.join(",", HEADER) + ", got "
                        + String.join(",", parser.getHeaderNames()));
            }
            for (CSVRecord r : parser) {
                int line = (int) r.getRecordNumber() + 1;
                String where = csv + ":" + line;
                if (r.size() != HEADER.size()) {
                    throw new EpisodeListException(where + ": expected " + HEADER.size() + " columns (" + String.join(",", HEADER)
                            + "), got " + r.size());
                }
                String role = r.get(1).trim();
                if (!role.equals("support") && !role.equals("query")) {
                    throw new EpisodeListException(where + ": role must be support or query, got '" + role + "'");
                }
                Path image = base.resolve(r.get(3).trim());
                if (!Files.isRegularFile(image)) {
                    throw new EpisodeListException(where + ": missing image " + image);
                }
                float[] values;
                try {
                    values = transform.prepare(Files.readAllBytes(image), image.toString());
                } catch (DataException | IllegalArgumentException e) {
                    throw new EpisodeListException(where + ": unreadable image " + image + " (" + e.getMessage() + ")");
                }
                episodes.computeIfAbsent(r.get(0).trim(), id -> new Builder(id, line))
                        .add(role.equals("support"), r.get(2).trim(), values, line);
            }
        }
        if (episodes.isEmpty()) {
            throw new EpisodeListException(csv + ": lists no episode");
        }
        List<ListedEpisode> out = new ArrayList<>();
        long index = 0;
        for (Builder b : episodes.values()) {
            out.add(b.build(csv, index++, transform.exampleShape()));
        }
        return out;
    }

    /**
     * Writes {@code episodes} as a list at {@code csv}, each image as a PNG in {@code <csv name>-images/}
     * beside it (labels are the episode's class ids, {@code c<id>}), so that {@link #read} with the
     * same transform gives back exactly these episodes.
     */
    public static void write(Path csv, List<Episode> episodes, InputTransform transform) throws IOException {
        Path base = csv.toAbsolutePath().getParent();
        String stem = csv.getFileName().toString().replaceFirst("\\.csv$", "");
        String images = stem + "-images";
        Files.createDirectories(base);
        int per = 1;
        for (int d : transform.exampleShape()) {
            per *= d;
        }
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
             CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader(HEADER.toArray(String[]::new)).build().print(w)) {
            for (Episode e : episodes) {
                String id = String.format(java.util.Locale.ROOT, "%05d", e.index());
                Path dir = base.resolve(images).resolve(id);
                Files.createDirectories(dir);
                for (int part = 0; part < 2; part++) {
                    Examples x = part == 0 ? e.support() : e.query();
                    String role = part == 0 ? "support" : "query";
                    float[] inputs = x.inputs();
                    for (int i = 0; i < x.count(); i++) {
                        float[] one = java.util.Arrays.copyOfRange(inputs, i * per, (i + 1) * per);
                        String name = role.charAt(0) + String.format(java.util.Locale.ROOT, "%03d", i) + ".png";
                        Files.write(dir.resolve(name), transform.toPng(one));
                        printer.printRecord(id, role, "c" + e.classIds()[x.labels()[i]], images + "/" + id + "/" + name);
                    }
                }
            }
        }
    }

    /** Collects one episode's rows. */
    private static final class Builder {
        private final String id;
        private final int line;
        private final Map<String, Integer> labels = new LinkedHashMap<>();
        private final Map<String, Integer> firstQueryLine = new LinkedHashMap<>();
        private final List<float[]> supportValues = new ArrayList<>();
        private final List<Integer> supportLabels = new ArrayList<>();
        private final List<float[]> queryValues = new ArrayList<>();
        private final List<Integer> queryLabels = new ArrayList<>();

        Builder(String id, int line) {
            this.id = id;
            this.line = line;
        }

        void add(boolean support, String label, float[] values, int row) {
            int l = labels.computeIfAbsent(label, k -> labels.size());
            if (support) {
                supportValues.add(values);
                supportLabels.add(l);
            } else {
                queryValues.add(values);
                queryLabels.add(l);
                firstQueryLine.putIfAbsent(label, row);
            }
        }

        ListedEpisode build(Path csv, long index, int[] shape) {
            if (queryValues.isEmpty()) {
                throw new EpisodeListException(csv + ":" + line + ": episode '" + id + "' has no query");
            }
            int ways = labels.size();
            int[] shots = new int[ways];
            int[] queries = new int[ways];
            supportLabels.forEach(l -> shots[l]++);
            queryLabels.forEach(l -> queries[l]++);
            for (Map.Entry<String, Integer> e : labels.entrySet()) {
                if (shots[e.getValue()] == 0) {
                    Integer at = firstQueryLine.get(e.getKey());
                    throw new EpisodeListException(csv + ":" + (at == null ? line : at) + ": label '" + e.getKey()
                            + "' of episode '" + id + "' has no support example");
                }
            }
            int minShots = java.util.Arrays.stream(shots).min().orElse(1);
            int minQueries = Math.max(1, java.util.Arrays.stream(queries).min().orElse(1));
            int[] classIds = new int[ways];
            for (int c = 0; c < ways; c++) {
                classIds[c] = c;
            }
            Episode episode = new Episode(index, TaskKind.CLASSIFICATION, new TaskSpec(ways, minShots, minQueries),
                    examples(supportValues, supportLabels, shape), examples(queryValues, queryLabels, shape), classIds);
            return new ListedEpisode(id, line, episode, minShots);
        }

        private static Examples examples(List<float[]> values, List<Integer> labels, int[] shape) {
            int per = values.get(0).length;
            float[] inputs = new float[values.size() * per];
            int[] l = new int[labels.size()];
            for (int i = 0; i < values.size(); i++) {
                System.arraycopy(values.get(i), 0, inputs, i * per, per);
                l[i] = labels.get(i);
            }
            return Examples.classified(inputs, shape, l);
        }
    }
}
