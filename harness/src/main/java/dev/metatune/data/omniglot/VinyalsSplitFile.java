package dev.metatune.data.omniglot;

import dev.metatune.data.DataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A split file of the Vinyals et al. (2016) Omniglot split, as published with Snell et al.'s
 * prototypical networks: one class a line, {@code Alphabet/characterNN/rotDDD} with DDD in
 * 000, 090, 180, 270; blank lines are ignored.
 */
final class VinyalsSplitFile {

    private static final Pattern LINE = Pattern.compile("([^/]+/character\\d+)/rot(\\d{3})");

    /** One line: a character and the counter-clockwise quarter turns applied to its drawings. */
    record Entry(String character, int quarterTurns, String line) {
    }

    private VinyalsSplitFile() {
    }

    /**
     * Reads {@code file}; every character must satisfy {@code known} (be in one of the archives).
     *
     * @throws DataException naming the file and line for a missing file, a malformed line, an unknown
     *                       character or a repeated class
     */
    static List<Entry> read(Path file, Predicate<String> known) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DataException("missing Omniglot split file " + file
                    + "; expected one class a line, Alphabet/characterNN/rotDDD (the Vinyals split)", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            int degrees = m.matches() ? Integer.parseInt(m.group(2)) : -1;
            if (degrees < 0 || degrees % 90 != 0 || degrees >= 360) {
                throw new DataException(file + " line " + (n + 1) + ": '" + line
                        + "' is not a class; expected Alphabet/characterNN/rotDDD with DDD in 000, 090, 180, 270");
            }
            if (!known.test(m.group(1))) {
                throw new DataException(file + " line " + (n + 1) + ": class '" + line + "' names the character '"
                        + m.group(1) + "', which is in neither images_background nor images_evaluation");
            }
            if (!seen.add(line)) {
                throw new DataException(file + " line " + (n + 1) + ": class '" + line + "' appears twice");
            }
            entries.add(new Entry(m.group(1), degrees / 90, line));
        }
        if (entries.isEmpty()) {
            throw new DataException(file + ": holds no classes; expected one class a line, Alphabet/characterNN/rotDDD");
        }
        return List.copyOf(entries);
    }
}
