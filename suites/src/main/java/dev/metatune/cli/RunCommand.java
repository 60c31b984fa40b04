package dev.metatune.cli;

import ai.djl.Device;
import dev.metatune.data.DataException;
import dev.metatune.data.DatasetProvider;
import dev.metatune.error.UserInputException;
import dev.metatune.hpo.PrunerProvider;
import dev.metatune.hpo.SamplerProvider;
import dev.metatune.hpo.Storage;
import dev.metatune.hpo.storage.StorageFactory;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.plugin.Registry;
import dev.metatune.suite.Suite;
import dev.metatune.suite.SuiteLoader;
import dev.metatune.sweep.RunFolder;
import dev.metatune.sweep.RunOutcome;
import dev.metatune.sweep.SweepRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code metatune run SUITE}: the main job. Tunes every algorithm of the suite in every setting,
 * evaluates the winners on the same test episodes and writes the run folder's tables and plots.
 * The suite, its data sets and each study's episodes are checked, and the storage opened, before
 * anything is written (bad input: exit 2, no run folder left behind). A run in which some study
 * completes no trial writes its report and exits 1 with a line naming those studies and why their
 * first trial failed.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a suite: tune each algorithm on meta-validation classes, evaluate the best configuration on"
                + " fixed meta-test episodes with each seed, and write trials.csv, curves.csv, comparison.csv, report.md,"
                + " provenance.json and plots into the run folder.",
            "An interrupted run continues with --resume; several workers can share a run through one storage."})
final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUITE", description = "The suite file (YAML; see suites/SCHEMA.md).")
    Path suiteFile;

    @Option(names = "--out", paramLabel = "DIR", description = "The run folder (default: results/<suite name>).")
    Path out;

    @Option(names = "--resume", description = "Continue the run already in the run folder (or join it as another worker).")
    boolean resume;

    @Option(names = "--device", description = "cpu, gpu or gpuN (default: the suite's device, else cpu).")
    String device;

    @Option(names = "--threads", description = "PyTorch intra-op threads; maml and fomaml on CPU compute that many tasks side by side instead (the launcher applies it; default: all cores).")
    Integer threads;

    @Option(names = "--heartbeat-grace", defaultValue = "60", paramLabel = "SECONDS",
            description = "Seconds without a heartbeat after which a running trial counts as dead and is run again"
                    + " (default: ${DEFAULT-VALUE}).")
    long heartbeatGraceSeconds;

    @Mixin
    DataDirOptions data;

    private final Registry<AlgorithmProvider> algorithms;

    /** Runs the registered algorithms. */
    RunCommand() {
        this(AlgorithmProvider.registry());
    }

    /** Runs the algorithms of {@code algorithms} (tests). */
    RunCommand(Registry<AlgorithmProvider> algorithms) {
        this.algorithms = algorithms;
    }

    @Override
    public Integer call() throws Exception {
        if (threads != null) {
            OptionChecks.atLeast("--threads", threads, 1);
        }
        OptionChecks.atLeast("--heartbeat-grace", heartbeatGraceSeconds, 2);
        Suite suite = new SuiteLoader(SuiteCatalogs.of(algorithms, DatasetProvider.registry()), SamplerProvider::byName, PrunerProvider::byName)
                .load(suiteFile);
        RunFolder folder = new RunFolder(out != null ? out : Path.of("results", suite.name()));
        boolean existing = folder.exists();
        if (existing && !resume) {
            throw new UserInputException("run folder " + folder.dir() + " already holds a run; pass --resume to continue"
                    + " it, or --out DIR for a new one");
        }
        String suiteDevice = suite.device().replace("gpu:", "gpu");
        Device chosen = DeviceChoice.parse(device != null ? device : suiteDevice);
        RunOutcome outcome;
        try (ConsoleProgress progress = ConsoleProgress.onStderr(suite.name())) {
            SweepRunner runner = new SweepRunner(suite, algorithms,
                    DatasetProvider.registry(), data.toOptions(0), chosen,
                    Duration.ofSeconds(heartbeatGraceSeconds), folder.dir(), Path.of("").toAbsolutePath(), progress,
                    System.err);
            try {
                runner.prepare();
            } catch (DataException e) {
                throw new DataException(suiteFile + ": " + e.getMessage(), e);
            }
            String storageSpec = existing ? folder.storedStorage() : folder.storageFor(suite.storage());
            // a new run opens its storage before it writes anything, and leaves nothing when that fails
            String storageFrom = existing ? folder.dir().resolve(RunFolder.RUN_FILE) + ": field 'storage'"
                    : suiteFile + ": field 'storage'";
            java.util.function.Function<String, Storage> open = text -> {
                try {
                    return StorageFactory.open(text);
                } catch (UserInputException e) {
                    throw new UserInputException(storageFrom + ": " + e.getMessage(), e);
                }
            };
            try (Storage storage = existing ? open.apply(storageSpec)
                    : folder.create(suiteFile, suite.name(), suite.storage(), open)) {
                System.err.println("metatune: run " + suite.name() + " in " + folder.dir() + " (storage "
                        + StorageDescription.redact(storageSpec) + ", device " + chosen + ")");
                outcome = runner.run(storage);
            }
        }
        Path report = folder.dir().resolve("report.md");
        spec.commandLine().getOut().print(Files.readString(report));
        spec.commandLine().getOut().flush();
        System.err.println("metatune: wrote " + folder.dir().resolve("comparison.csv") + ", report.md, trials.csv, curves.csv,"
                + " provenance.json and plots/");
        if (!outcome.complete()) {
            spec.commandLine().getErr().println("metatune run: " + outcome.summary(suite.studies().size()));
            spec.commandLine().getErr().flush();
            return Main.EXIT_FAILURE;
        }
        return 0;
    }
}
