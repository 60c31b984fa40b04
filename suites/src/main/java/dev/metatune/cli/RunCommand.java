package dev.metatune.cli;

import ai.djl.Device;
import dev.metatune.plugin.Registry;
import dev.metatune.data.DatasetProvider;
import dev.metatune.hpo.PrunerProvider;
import dev.metatune.hpo.SamplerProvider;
import dev.metatune.hpo.Storage;
import dev.metatune.hpo.storage.StorageFactory;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.suite.Suite;
import dev.metatune.suite.SuiteLoader;
import dev.metatune.sweep.RunFolder;
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

    @Override
    public Integer call() throws Exception {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        Suite suite = new SuiteLoader(SuiteCatalogs.fromRegistries(), SamplerProvider::byName, PrunerProvider::byName)
                .load(suiteFile);
        RunFolder folder = new RunFolder(out != null ? out : Path.of("results", suite.name()));
        if (folder.exists() && !resume) {
            throw new IllegalArgumentException("run folder " + folder.dir() + " already holds a run; pass --resume to continue"
                    + " it, or --out DIR for a new one");
        }
        String suiteDevice = suite.device().replace("gpu:", "gpu");
        Device chosen = DeviceChoice.parse(device != null ? device : suiteDevice);
        try (ConsoleProgress progress = ConsoleProgress.onStderr(suite.name())) {
            SweepRunner runner = new SweepRunner(suite, AlgorithmProvider.registry(),
                    DatasetProvider.registry(), data.toOptions(0), chosen,
                    Duration.ofSeconds(heartbeatGraceSeconds), folder.dir(), Path.of("").toAbsolutePath(), progress,
                    System.err);
            runner.prepare();
            if (!folder.exists()) {
                folder.create(suiteFile, suite.name(), suite.storage());
            }
            String storageSpec = resume ? folder.storedStorage() : folder.storageFor(suite.storage());
            System.err.println("metatune: run " + suite.name() + " in " + folder.dir() + " (storage "
                    + StorageDescription.redact(storageSpec) + ", device " + chosen + ")");
            try (Storage storage = StorageFactory.open(storageSpec)) {
                runner.run(storage);
            }
        }
        Path report = folder.dir().resolve("report.md");
        spec.commandLine().getOut().print(Files.readString(report));
        spec.commandLine().getOut().flush();
        System.err.println("metatune: wrote " + folder.dir().resolve("comparison.csv") + ", report.md, trials.csv, curves.csv,"
                + " provenance.json and plots/");
        return 0;
    }
}
