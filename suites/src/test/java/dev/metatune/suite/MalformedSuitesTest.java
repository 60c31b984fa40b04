package dev.metatune.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the malformed corpus ({@code src/test/resources/malformed}) fails to load with a
 * {@link SuiteException} whose message starts with the file and line the file's header names
 * ({@code # line: N}, 0 for an error about the whole file) and contains its expected fragment
 * ({@code # expect: ...}).
 */
class MalformedSuitesTest {

    /** The corpus files, sorted. */
    static List<Path> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(MalformedSuitesTest.class.getResource("/malformed").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** The value of header line {@code # key: value}. */
    static String header(Path file, String key) throws IOException {
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("# " + key + ": ")) {
                return line.substring(("# " + key + ": ").length());
            }
        }
        throw new AssertionError(file + " has no '# " + key + ":' header");
    }

    @Test
    void theCorpusCoversManyCases() throws Exception {
        assertTrue(corpus().size() >= 20, "corpus has " + corpus().size() + " files");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void failsWithFileLineAndExpectedMessage(Path file) throws IOException {
        String expected = header(file, "expect");
        int line = Integer.parseInt(header(file, "line"));
        SuiteException e = assertThrows(SuiteException.class, () -> new SuiteLoader(PlannedCatalog.get()).load(file));
        String message = e.getMessage();
        assertTrue(message.contains(expected), "message\n  " + message + "\nlacks\n  " + expected);
        assertTrue(message.startsWith(file + (line > 0 ? ":" + line + ":" : ": ")),
                "message\n  " + message + "\nshould start with " + file + ":" + line);
        assertEquals(line, e.line());
        assertEquals(file.toString(), e.file());
        assertTrue(!message.contains("\n"), "one line: " + message);
    }
}
