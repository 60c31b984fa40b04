package dev.metatune.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.cli.SuiteCatalogs;
import dev.metatune.hpo.PrunerProvider;
import dev.metatune.hpo.SamplerProvider;
import java.nio.file.Path;
import java.util.List;
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

    static List<Path> corpus() {
        return MalformedCorpus.files();
    }

    @Test
    void theCorpusCoversManyCases() {
        assertTrue(corpus().size() >= 20, "corpus has " + corpus().size() + " files");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void failsWithFileLineAndExpectedMessage(Path file) {
        String expected = MalformedCorpus.header(file, "expect");
        int line = Integer.parseInt(MalformedCorpus.header(file, "line"));
        SuiteException e = assertThrows(SuiteException.class,
                () -> new SuiteLoader(SuiteCatalogs.fromRegistries(), SamplerProvider::byName, PrunerProvider::byName).load(file));
        String message = e.getMessage();
        assertTrue(message.contains(expected), "message\n  " + message + "\nlacks\n  " + expected);
        assertTrue(message.startsWith(file + (line > 0 ? ":" + line + ":" : ": ")),
                "message\n  " + message + "\nshould start with " + file + ":" + line);
        assertEquals(line, e.line());
        assertEquals(file.toString(), e.file());
        assertTrue(!message.contains("\n"), "one line: " + message);
    }
}
