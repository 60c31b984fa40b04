package dev.metatune.cli;

import dev.metatune.data.DataException;
import dev.metatune.data.DataOptions;
import dev.metatune.data.DatasetProvider;
import dev.metatune.hpo.PrunerProvider;
import dev.metatune.hpo.SamplerProvider;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.plugin.Registry;
import dev.metatune.suite.AlgorithmEntry;
import dev.metatune.suite.DatasetEntry;
import dev.metatune.suite.StudyPlan;
import dev.metatune.suite.Suite;
import dev.metatune.suite.SuiteLoader;
import dev.metatune.sweep.ResolvedDataset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code metatune validate SUITE...}: loads and checks suite files without running anything and
 * prints what each would run. A bad suite ends with exit code 2 and one message naming the file,
 * line, field, value and what is allowed. Where a suite's data sets are present (under
 * {@code --data-dir}, or their fallbacks), each study's episodes are checked against their splits as
 * {@code metatune run} checks them before it starts; nothing is downloaded.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check suite files without running anything, and print what each would run.",
            "Settings are checked against the data sets that are present, as 'metatune run' does."})
final class ValidateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SUITE", description = "suite files (.yaml)")
    List<Path> files;

    @Mixin
    DataDirOptions data = new DataDirOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SuiteLoader loader = new SuiteLoader(SuiteCatalogs.fromRegistries(), SamplerProvider::byName, PrunerProvider::byName);
        DataOptions options = data.toOptions(0);
        for (Path file : files) {
            Suite suite = loader.load(file);
            List<String> unchecked = checkEpisodes(file, suite, options);
            summarize(file, suite, out);
            for (String line : unchecked) {
                out.println("  " + line);
            }
        }
        out.flush();
        return 0;
    }

    /**
     * Checks every study's episodes against its data set where that is present; returns a note for
     * each data set that is not, whose settings are checked when the suite runs.
     */
    private static List<String> checkEpisodes(Path file, Suite suite, DataOptions options) {
        Registry<DatasetProvider> datasets = DatasetProvider.registry();
        Registry<AlgorithmProvider> algorithms = AlgorithmProvider.registry();
        List<String> notes = new ArrayList<>();
        for (DatasetEntry entry : suite.datasets()) {
            Optional<ResolvedDataset> resolved = ResolvedDataset.openIfPresent(entry, datasets, options);
            if (resolved.isEmpty()) {
                notes.add("data set " + entry.name() + ": absent under " + options.dataRoot()
                        + "; its settings are checked against it when the suite runs");
                continue;
            }
            for (StudyPlan plan : suite.studies()) {
                if (plan.dataset().equals(entry)) {
                    try {
                        resolved.get().checkStudy(plan, algorithms.get(plan.algorithm().name()),
                                suite.testQueries(plan.setting()));
                    } catch (DataException e) {
                        throw new DataException(file + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        return notes;
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
