package dev.metatune.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The malformed-suite corpus in {@code src/test/resources/malformed}: one bad suite a file, whose
 * header says what its error must contain ({@code # expect: FRAGMENT}) and on which line it is
 * ({@code # line: N}, 0 for an error about the whole file).
 */
public final class MalformedCorpus {

    private MalformedCorpus() {
    }

    /** The corpus files, sorted. */
    public static List<Path> files() {
        try (Stream<Path> files = Files.list(Path.of(MalformedCorpus.class.getResource("/malformed").toURI()))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of header line {@code # key: value} of {@code file}. */
    public static String header(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("# " + key + ": ")) {
                    return line.substring(("# " + key + ": ").length());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError(file + " has no '# " + key + ":' header");
    }
}
