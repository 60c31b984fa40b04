package dev.metatune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.suite.MalformedCorpus;
import dev.metatune.suite.AlgorithmEntry;
import dev.metatune.suite.SuiteCatalog;
import dev.metatune.suite.SuiteLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code metatune validate}: exit code 2 and one clean message for every bad suite; a summary for a good one. */
class ValidateCommandTest {

    private static final List<String> SHIPPED = List.of("quickstart.yaml", "omniglot-paper.yaml", "sinusoid-paper.yaml",
            "maml-inner-loop.yaml");

    /** Exit code, standard output and standard error of one command line. */
    private record Result(int code, String out, String err) {
    }

    private static Result main(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    static List<Path> corpus() {
        return MalformedCorpus.files();
    }

    private static void assertNoStackTrace(String text) {
        assertFalse(text.contains("Exception"), text);
        assertFalse(text.contains("at dev."), text);
        assertFalse(text.contains("\tat "), text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyMalformedSuiteExitsWithTwoAndOneCleanMessage(Path file) {
        Result r = main("validate", file.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().startsWith("metatune validate: " + file), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertNoStackTrace(r.err());
        assertEquals("", r.out());
    }

    @Test
    void aMissingFileExitsWithTwo() {
        Result r = main("validate", "no-such-suite.yaml");
        assertEquals(Main.EXIT_BAD_INPUT, r.code());
        assertEquals("metatune validate: no-such-suite.yaml: no such suite file", r.err().strip());
    }

    @Test
    void noFileIsAUsageError() {
        Result r = main("validate");
        assertEquals(Main.EXIT_BAD_INPUT, r.code());
        assertNoStackTrace(r.err());
    }

    @Test
    void aValidSuitePrintsWhatItWouldRun() {
        Result r = main(Stream.concat(Stream.of("validate"), SHIPPED.stream()).toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        String text = r.out();
        for (String file : SHIPPED) {
            assertTrue(text.contains(file + ": valid suite '" + file.replace(".yaml", "") + "'"), text);
        }
        // omniglot-paper: 5 algorithms x 4 settings, 16 trials each
        assertTrue(text.contains("1 data set, 5 algorithm entries: 20 studies, 320 trials"), text);
        assertTrue(text.contains("final evaluation: 20 studies x 3 seeds x 600 test episodes"), text);
        assertTrue(text.contains("maml-omniglot-vinyals-5w1s"), text);
    }

    /**
     * The shipped suites are checked against the registered plugins themselves (their hyperparameter
     * names and domains, the data sets' kinds and splits), not a hand-kept copy of them: every
     * algorithm a shipped suite names is registered.
     */
    @Test
    void theShippedSuitesNameOnlyRegisteredAlgorithms() {
        SuiteCatalog registered = SuiteCatalogs.fromRegistries();
        assertEquals(Set.copyOf(AlgorithmProvider.registry().names()), registered.algorithms());
        assertEquals(registered.algorithms(), registered.schemas().keySet(), "every algorithm is checked with its schema");
        SuiteLoader loader = new SuiteLoader(registered);
        for (String file : SHIPPED) {
            for (AlgorithmEntry entry : loader.load(Path.of(file)).algorithms()) {
                assertTrue(registered.algorithms().contains(entry.name()), file + ": " + entry.name());
            }
        }
    }

    /** An unknown algorithm's message lists exactly the registered algorithms (not a list kept by hand). */
    @Test
    void anUnknownAlgorithmListsTheRegisteredOnes() {
        Path file = MalformedCorpus.files().stream().filter(p -> p.endsWith("unknown-algorithm.yaml")).findFirst().orElseThrow();
        Result r = main("validate", file.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.err());
        String registered = String.join(", ", new java.util.TreeSet<>(AlgorithmProvider.registry().names()));
        assertTrue(r.err().strip().endsWith("; allowed: " + registered), r.err());
    }

    @Test
    void listShowsEachHyperparameterWithItsDomain() {
        Result r = main("list", "--hyperparameters");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("inner_lr                 a number > 0; default 0.4; searched as {float: ["), r.out());
        assertTrue(r.out().contains("conv_variant             one of [strided, pooled]; default strided"), r.out());
        assertFalse(main("list").out().contains("a number > 0"), "only with --hyperparameters");
    }

    /** A data set absent here is named, not failed: its settings are checked when the suite runs. */
    @Test
    void aDataSetAbsentHereIsNotedAndItsSettingsLeftToTheRun(@org.junit.jupiter.api.io.TempDir Path empty) {
        Result r = main("validate", "omniglot-paper.yaml", "quickstart.yaml", "--data-dir", empty.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("  data set omniglot: absent under " + empty
                + "; its settings are checked against it when the suite runs"), r.out());
        // the quickstart falls back to synthetic images, which are always there and are checked
        String quickstart = r.out().substring(r.out().indexOf("quickstart.yaml: valid suite"));
        assertFalse(quickstart.contains("absent under"), quickstart);
    }
}
