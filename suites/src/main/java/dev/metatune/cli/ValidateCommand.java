package dev.metatune.cli;

import dev.metatune.hpo.PrunerProvider;
import dev.metatune.hpo.SamplerProvider;
import dev.metatune.suite.AlgorithmEntry;
import dev.metatune.suite.Suite;
import dev.metatune.suite.SuiteCatalog;
import dev.metatune.suite.SuiteLoader;
import dev.metatune.suite.StudyPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code metatune validate SUITE...}: loads and checks suite files without running anything and
 * prints what each would run. A bad suite ends with exit code 2 and one message naming the file,
 * line, field, value and what is allowed.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check suite files without running anything, and print what each would run.")
final class ValidateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SUITE", description = "suite files (.yaml)")
    List<Path> files;

    private final Supplier<SuiteCatalog> catalog;

    /** Checks against the registered algorithms, data sets, samplers and pruners. */
    ValidateCommand() {
        this(SuiteCatalogs::fromRegistries);
    }

    /** Checks against {@code catalog} (tests). */
    ValidateCommand(Supplier<SuiteCatalog> catalog) {
        this.catalog = catalog;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SuiteLoader loader = new SuiteLoader(catalog.get(), SamplerProvider::byName, PrunerProvider::byName);
        for (Path file : files) {
            Suite suite = loader.load(file);
            summarize(file, suite, out);
        }
        out.flush();
        return 0;
    }

    /** "1 study", "2 studies", "3 seeds". */
    static String count(long n, String noun) {
        if (n == 1) {
            return n + " " + noun;
        }
        if (noun.endsWith("y")) {
            return n + " " + noun.substring(0, noun.length() - 1) + "ies";
        }
        return n + " " + noun + "s";
    }

    static void summarize(Path file, Suite suite, PrintWriter out) {
        List<StudyPlan> studies = suite.studies();
        int trials = studies.stream().mapToInt(StudyPlan::trials).sum();
        long steps = studies.stream().mapToLong(s -> (long) s.trials() * s.algorithm().budget().trainSteps()).sum();
        out.printf("%s: valid suite '%s' (sha256 %s)%n", file, suite.name(), suite.contentHash().substring(0, 16));
        out.printf("  %s, %s: %s, %s, %d meta-training steps in tuning%n", count(suite.datasets().size(), "data set"),
                count(suite.algorithms().size(), "algorithm entry"), count(studies.size(), "study"),
                count(trials, "trial"), steps);
        out.printf("  final evaluation: %s x %s x %s%n", count(studies.size(), "study"),
                count(suite.seeds().size(), "seed"), count(suite.testEpisodes(), "test episode"));
        out.printf("  sampler %s (seed %d), pruner %s, storage %s, device %s%n", suite.sampler().name(),
                suite.sampler().seed(), suite.pruner().name(), suite.storage().text(), suite.device());
        for (StudyPlan s : studies) {
            AlgorithmEntry a = s.algorithm();
            out.printf("    %-36s %3d trials x %5d steps%s%s%n", s.studyName(), s.trials(), a.budget().trainSteps(),
                    a.search().isEmpty() ? "" : ", search " + String.join(", ", a.search().keySet()),
                    a.enqueue().isEmpty() ? "" : ", " + a.enqueue().size() + " enqueued");
        }
    }
}
