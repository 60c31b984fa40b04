package dev.metatune.data.omniglot;

import dev.metatune.data.DataException;
import dev.metatune.data.ImageDecoding;
import dev.metatune.data.cache.CachedImages;
import dev.metatune.data.cache.Fingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * One of Omniglot's two official archives ({@code images_background}, {@code images_evaluation}),
 * as a zip ({@code <stem>.zip}) or as the folder it extracts to ({@code <stem>/}), indexed but not
 * decoded: which characters it holds and which PNG files are their drawings. Members must follow the
 * official layout {@code <stem>/<Alphabet>/characterNN/<id>_<drawer>.png}; other files are ignored.
 */
final class OmniglotArchive {

    private final String stem;
    private final Path source;
    private final boolean zipped;
    private final Map<String, List<String>> drawings;
    private final String fingerprint;

    private OmniglotArchive(String stem, Path source, boolean zipped, Map<String, List<String>> drawings,
            String fingerprint) {
        this.stem = stem;
        this.source = source;
        this.zipped = zipped;
        this.drawings = drawings;
        this.fingerprint = fingerprint;
    }

    /** Whether {@code <stem>.zip} or {@code <stem>/} is in {@code dir}. */
    static boolean present(Path dir, String stem) {
        return Files.isRegularFile(dir.resolve(stem + ".zip")) || Files.isDirectory(dir.resolve(stem));
    }

    /** Indexes {@code <stem>.zip} (preferred) or the folder {@code <stem>/} in {@code dir}. */
    static OmniglotArchive open(Path dir, String stem) {
        Path zip = dir.resolve(stem + ".zip");
        Path folder = dir.resolve(stem);
        if (Files.isRegularFile(zip)) {
            return indexZip(stem, zip);
        }
        if (Files.isDirectory(folder)) {
            return indexFolder(stem, folder);
        }
        throw new DataException("missing Omniglot archive: neither " + zip + " nor the extracted folder " + folder
                + " exists; expected the official " + stem + ".zip");
    }

    private static OmniglotArchive indexZip(String stem, Path zip) {
        Map<String, List<String>> drawings = new TreeMap<>();
        Fingerprint fp = new Fingerprint().add("omniglot-archive " + stem);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<? extends ZipEntry> entries = Collections.list(file.entries());
            entries.sort((a, b) -> a.getName().compareTo(b.getName()));
            for (ZipEntry e : entries) {
                if (e.isDirectory() || !e.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
                    continue;
                }
                addMember(stem, zip, e.getName(), drawings);
                fp.add(e.getName() + " " + Long.toHexString(e.getCrc()) + " " + e.getSize());
            }
        } catch (ZipException e) {
            throw new DataException(zip + ": not a readable zip archive (" + e.getMessage()
                    + "); expected the official " + stem + ".zip", e);
        } catch (IOException e) {
            throw new DataException(zip + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return finish(stem, zip, true, drawings, fp);
    }

    private static OmniglotArchive indexFolder(String stem, Path folder) {
        Map<String, List<String>> drawings = new TreeMap<>();
        Fingerprint fp = new Fingerprint().add("omniglot-folder " + stem);
        Path base = folder.getParent();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png"))
                    .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new DataException(folder + ": cannot be listed (" + e.getMessage() + ")", e);
        }
        try {
            for (Path p : files) {
                String name = base.relativize(p).toString().replace('\\', '/');
                addMember(stem, folder, name, drawings);
                fp.add(name + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
            }
        } catch (IOException e) {
            throw new DataException(folder + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return finish(stem, folder, false, drawings, fp);
    }

    private static void addMember(String stem, Path source, String name, Map<String, List<String>> drawings) {
        String[] parts = name.split("/");
        if (parts.length != 4 || !parts[0].equals(stem) || !parts[2].startsWith("character")) {
            throw new DataException(source + ": unexpected member '" + name + "'; expected the official layout "
                    + stem + "/<Alphabet>/characterNN/<id>_<drawer>.png");
        }
        drawings.computeIfAbsent(parts[1] + "/" + parts[2], k -> new ArrayList<>()).add(name);
    }

    private static OmniglotArchive finish(String stem, Path source, boolean zipped, Map<String, List<String>> drawings,
            Fingerprint fp) {
        if (drawings.isEmpty()) {
            throw new DataException(source + ": holds no PNG drawings; expected the official layout " + stem
                    + "/<Alphabet>/characterNN/<id>_<drawer>.png");
        }
        drawings.values().forEach(Collections::sort);
        drawings.replaceAll((k, v) -> List.copyOf(v));
        return new OmniglotArchive(stem, source, zipped, Collections.unmodifiableMap(drawings), fp.finish());
    }

    String stem() {
        return stem;
    }

    Path source() {
        return source;
    }

    /** Characters as {@code Alphabet/characterNN}, sorted. */
    List<String> characters() {
        return List.copyOf(drawings.keySet());
    }

    boolean contains(String character) {
        return drawings.containsKey(character);
    }

    /** The fewest drawings of any character. */
    int minDrawings() {
        return drawings.values().stream().mapToInt(List::size).min().orElse(0);
    }

    /** Identifies the archive's members (names, CRCs or sizes), not its location. */
    String fingerprint() {
        return fingerprint;
    }

    /**
     * Decodes every drawing: per character (sorted), its drawings (sorted by file name) resized to
     * {@code size x size} by nearest-neighbour sampling, 1 = stroke, 0 = background.
     */
    CachedImages decode(int size, String cacheFingerprint) {
        List<String> names = characters();
        byte[][] pixels = new byte[names.size()][];
        if (zipped) {
            try (ZipFile file = new ZipFile(source.toFile())) {
                // characters in parallel: ZipFile serves concurrent readers
                IntStream.range(0, names.size()).parallel().forEach(c -> pixels[c] = decodeCharacter(names.get(c), size,
                        member -> readMember(file, member)));
            } catch (IOException e) {
                throw new DataException(source + ": not a readable zip archive (" + e.getMessage() + ")", e);
            }
        } else {
            Path base = source.getParent();
            IntStream.range(0, names.size()).parallel().forEach(c -> pixels[c] = decodeCharacter(names.get(c), size,
                    member -> readFile(base.resolve(member))));
        }
        return new CachedImages(cacheFingerprint, 1, size, size, names, List.of(pixels));
    }

    private byte[] decodeCharacter(String character, int size, Function<String, byte[]> read) {
        List<String> members = drawings.get(character);
        int per = size * size;
        byte[] values = new byte[members.size() * per];
        for (int d = 0; d < members.size(); d++) {
            String where = zipped ? source + "!" + members.get(d) : source.getParent().resolve(members.get(d)).toString();
            byte[] image = ImageDecoding.binaryNearest(ImageDecoding.decode(read.apply(members.get(d)), where), size);
            System.arraycopy(image, 0, values, d * per, per);
        }
        return values;
    }

    private byte[] readMember(ZipFile file, String member) {
        ZipEntry entry = file.getEntry(member);
        try (InputStream in = file.getInputStream(entry)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DataException(source + "!" + member + ": cannot be read from the zip archive (" + e.getMessage()
                    + ")", e);
        }
    }

    private static byte[] readFile(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new DataException(p + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
