package dev.metatune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.plugin.Registry;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.suite.MalformedCorpus;
import dev.metatune.suite.PlannedCatalog;
import dev.metatune.suite.SuiteCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

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
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ValidateCommand(PlannedCatalog::get));
        cli.setOut(new PrintWriter(out, true));
        int code = cli.execute(SHIPPED.toArray(String[]::new));
        assertEquals(0, code);
        String text = out.toString();
        for (String file : SHIPPED) {
            assertTrue(text.contains(file + ": valid suite '" + file.replace(".yaml", "") + "'"), text);
        }
        // omniglot-paper: 5 algorithms x 4 settings, 16 trials each
        assertTrue(text.contains("1 data set, 5 algorithm entries: 20 studies, 320 trials"), text);
        assertTrue(text.contains("final evaluation: 20 studies x 3 seeds x 600 test episodes"), text);
        assertTrue(text.contains("maml-omniglot-vinyals-5w1s"), text);
    }

    /**
     * The shipped suites validate against the registered plugins wherever they exist (their real
     * hyperparameter names and types, and the data sets' real kinds), and against the planned
     * catalog for what is not registered yet.
     */
    @Test
    void shippedSuitesValidateAgainstRegisteredPluginsOverThePlannedOnes() {
        SuiteCatalog registered = SuiteCatalogs.fromRegistries();
        SuiteCatalog catalog = PlannedCatalog.get().withDatasets(registered.datasets())
                .withSchemas(registered.schemas().values())
                .withDatasetKinds(registered.datasetKinds())
                .withDatasetSplits(registered.datasetSplits());
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ValidateCommand(() -> catalog));
        cli.setOut(new PrintWriter(out, true));
        assertEquals(0, cli.execute(SHIPPED.toArray(String[]::new)), out.toString());
    }

    /**
     * Once the algorithm and data set plugins are merged, the shipped suites must validate against
     * the real registries (their hyperparameter names and kinds), not only the planned catalog.
     */
    @Test
    void shippedSuitesValidateAgainstTheRegisteredPlugins() {
        List<String> registered = AlgorithmProvider.registry().names();
        Assumptions.assumeTrue(registered.containsAll(List.of("maml", "fomaml", "protonet", "baseline", "baseline-pp")),
                "algorithms not merged yet; registered: " + registered);
        List<String> args = new java.util.ArrayList<>(List.of("validate"));
        args.addAll(SHIPPED);
        Result r = main(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
    }
}
