package dev.metatune.cli;

import ai.djl.Device;
import dev.metatune.data.DataException;
import dev.metatune.data.DatasetProvider;
import dev.metatune.error.UserInputException;
import dev.metatune.hpo.PrunerProvider;
import dev.metatune.hpo.SamplerProvider;
import dev.metatune.hpo.Storage;
import dev.metatune.hpo.storage.StorageFactory;
import dev.metatune.eval.ProgressListener;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.plugin.Registry;
import dev.metatune.report.RunReport;
import dev.metatune.suite.Suite;
import dev.metatune.suite.SuiteLoader;
import dev.metatune.sweep.RunFolder;
import dev.metatune.sweep.RunOutcome;
import dev.metatune.sweep.SweepRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    @Option(names = "--device", description = "cpu, gpu or gpuN (default: the suite's device, else cpu); with several"
            + " workers also gpu0,gpu1,... or all-gpus: one worker process on each GPU.")
    String device;

    @Option(names = "--workers", paramLabel = "N", description = "Worker processes sharing the run's storage (default on"
            + " CPU: 2 one-thread workers where the cores, the storage and the studies' trials allow it, else 1; one per GPU"
            + " that --device names); CPU workers split --threads between them.")
    Integer workers;

    @Option(names = "--worker", hidden = true, description = "Run as one of the workers that 'run --workers' started:"
            + " no report, no progress bar, stop when that process ends.")
    boolean worker;

    @Mixin
    EngineThreadsOption threads;

    @Option(names = "--heartbeat-grace", defaultValue = "60", paramLabel = "SECONDS",
            description = "Seconds without a heartbeat after which a running trial counts as dead and is run again"
                    + " (default: ${DEFAULT-VALUE}).")
    long heartbeatGraceSeconds;

    @Mixin
    DataDirOptions data;

    private final Registry<AlgorithmProvider> algorithms;
    private final boolean registeredAlgorithms;

    /** Runs the registered algorithms. */
    RunCommand() {
        this(AlgorithmProvider.registry(), true);
    }

    /** Runs the algorithms of {@code algorithms} (tests), in this process unless {@code --workers} says otherwise. */
    RunCommand(Registry<AlgorithmProvider> algorithms) {
        this(algorithms, false);
    }

    private RunCommand(Registry<AlgorithmProvider> algorithms, boolean registeredAlgorithms) {
        this.algorithms = algorithms;
        this.registeredAlgorithms = registeredAlgorithms;
    }

    @Override
    public Integer call() throws Exception {
        threads.check();
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
        String deviceText = device != null ? device : suiteDevice;
        if (!worker && workers == null && !WorkerDevices.namesGpus(deviceText)) {
            String storageSpec = existing ? folder.storedStorage() : folder.storageFor(suite.storage());
            int chosen = DefaultWorkers.of(suite, deviceText, storageSpec, totalThreads(), registeredAlgorithms);
            if (chosen > 1) {
                System.err.println(DefaultWorkers.announcement(chosen, WorkerDevices.threadsEach(totalThreads(), chosen)));
                workers = chosen;
            }
        }
        if (!worker && (workers != null && workers > 1 || WorkerDevices.namesGpus(deviceText))) {
            return runWorkers(suite, folder, deviceText);
        }
        if (worker) {
            ParentWatch.start(Duration.ofSeconds(1));
        }
        Device chosen = DeviceChoice.parse(deviceText);
        RunOutcome outcome;
        try (ConsoleProgress progress = worker ? null : ConsoleProgress.onStderr(suite.name())) {
            SweepRunner runner = new SweepRunner(suite, algorithms,
                    DatasetProvider.registry(), data.toOptions(0), chosen,
                    Duration.ofSeconds(heartbeatGraceSeconds), folder.dir(), Path.of("").toAbsolutePath(),
                    progress == null ? ProgressListener.NONE : progress,
                    System.err);
            prepare(runner);
            boolean existingNow = folder.exists();
            String storageSpec = existingNow ? folder.storedStorage() : folder.storageFor(suite.storage());
            try (Storage storage = openStorage(folder, existingNow, suite, storageSpec)) {
                System.err.println("metatune: run " + suite.name() + " in " + folder.dir() + " (storage "
                        + StorageDescription.redact(storageSpec) + ", device " + chosen + ")");
                outcome = runner.run(storage, !worker);
            }
        }
        if (worker) {
            return 0;
        }
        return printReport(folder, outcome, suite);
    }

    /** Starts the worker processes, shows their combined progress and writes the report once all have ended. */
    private int runWorkers(Suite suite, RunFolder folder, String deviceText) throws Exception {
        List<String> devices = WorkerDevices.of(deviceText, workers, () -> ai.djl.engine.Engine.getInstance().getGpuCount());
        int threadsEach = WorkerDevices.threadsEach(totalThreads(), devices.size());
        List<WorkerFleet.Worker> fleet = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            fleet.add(new WorkerFleet.Worker(i, devices.get(i), threadsEach));
        }
        SweepRunner runner = new SweepRunner(suite, algorithms, DatasetProvider.registry(),
                data.toOptions(0), ai.djl.Device.cpu(), Duration.ofSeconds(heartbeatGraceSeconds), folder.dir(),
                Path.of("").toAbsolutePath(), ProgressListener.NONE, System.err);
        prepare(runner);
        boolean existing = folder.exists();
        String storageSpec = existing ? folder.storedStorage() : folder.storageFor(suite.storage());
        List<Integer> codes;
        RunOutcome outcome;
        try (Storage storage = openStorage(folder, existing, suite, storageSpec);
                ConsoleProgress progress = ConsoleProgress.onStderr(suite.name())) {
            System.err.println("metatune: run " + suite.name() + " in " + folder.dir() + " (storage "
                    + StorageDescription.redact(storageSpec) + ") with " + fleet.size() + " worker processes");
            WorkerFleet workerFleet = new WorkerFleet(workerArgs(folder), fleet, System.err, progress,
                    new StorageProgress(storage, suite, runner.studyNames()), Duration.ofSeconds(2));
            codes = workerFleet.run();
            if (codes.stream().noneMatch(c -> c == 0)) {
                String why = "every worker failed (exit codes " + codes + "); their output is above";
                if (codes.stream().allMatch(c -> c == Main.EXIT_BAD_INPUT)) {
                    throw new UserInputException(why);
                }
                throw new IllegalStateException(why);
            }
            RunReport.write(storage, folder.dir());
            outcome = runner.outcome(storage);
        }
        for (int i = 0; i < codes.size(); i++) {
            if (codes.get(i) != 0) {
                System.err.println("metatune: worker " + i + " ended with exit code " + codes.get(i)
                        + "; the other workers ran its unfinished trial again");
            }
        }
        return printReport(folder, outcome, suite);
    }

    /** Opens the suite's data sets, naming the suite file in what goes wrong. */
    private void prepare(SweepRunner runner) {
        try {
            runner.prepare();
        } catch (DataException e) {
            throw new DataException(suiteFile + ": " + e.getMessage(), e);
        }
    }

    /** The PyTorch threads of the whole run: {@code --threads}, else every core. */
    private int totalThreads() {
        return threads.orElse(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Opens the run's storage: an existing run's as {@code run.json} names it; a new run's before anything
     * is written into its folder, which is left as it was when opening fails.
     */
    private Storage openStorage(RunFolder folder, boolean existing, Suite suite, String storageSpec) throws java.io.IOException {
        String storageFrom = existing ? folder.dir().resolve(RunFolder.RUN_FILE) + ": field 'storage'"
                : suiteFile + ": field 'storage'";
        java.util.function.Function<String, Storage> open = text -> {
            try {
                return StorageFactory.open(text);
            } catch (UserInputException e) {
                throw new UserInputException(storageFrom + ": " + e.getMessage(), e);
            }
        };
        return existing ? open.apply(storageSpec) : folder.create(suiteFile, suite.name(), suite.storage(), open);
    }

    /** This command's arguments for a worker: the parent's, less those the fleet sets for each worker. */
    private List<String> workerArgs(RunFolder folder) {
        List<String> out = new ArrayList<>();
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        java.util.Set<String> withValue = java.util.Set.of("--workers", "--device", "--threads", "--out");
        for (int i = original.indexOf("run") + 1; i < original.size(); i++) {
            String a = original.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (withValue.contains(name)) {
                if (!a.contains("=")) {
                    i++;
                }
            } else if (!a.equals("--resume")) {
                out.add(a);
            }
        }
        out.addAll(List.of("--out", folder.dir().toAbsolutePath().toString()));
        return out;
    }

    private int printReport(RunFolder folder, RunOutcome outcome, Suite suite) throws java.io.IOException {
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
