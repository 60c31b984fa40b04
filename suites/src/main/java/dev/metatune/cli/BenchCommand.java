package dev.metatune.cli;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metatune.data.Dataset;
import dev.metatune.plugin.Registry;
import dev.metatune.run.CpuProfile;
import dev.metatune.data.DatasetProvider;
import dev.metatune.error.UserInputException;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.StepResult;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code metatune bench}: the wall-clock time of one meta-training step, measured like the PyTorch
 * peer measures it: a timed step is drawing its episodes from the in-memory images plus the
 * forward, backward and optimizer update; warm-up steps are not timed.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time meta-training steps of one algorithm (episodes drawn inside the timed step, as the PyTorch peer does).",
            "With --json one JSON line with median_s_per_step, min_s, max_s and peak_rss_mib (the process's"
                + " peak resident memory, Linux) goes to stdout."})
final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--algorithm", required = true, description = "Algorithm name.")
    String algorithm;

    @Option(names = "--dataset", required = true, description = "Data set name.")
    String dataset;

    @Mixin
    DataDirOptions data;

    @Option(names = "--image-size", paramLabel = "N", description = "Side of the square images the data set is resized to"
            + " (default: the data set's own, 28 for Omniglot; Santoro et al. used 20 for mann).")
    int imageSize;

    @Option(names = "--split", defaultValue = "train", description = "Split the episodes come from (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--ways", required = true, description = "Classes per training episode.")
    int ways;

    @Option(names = "--shots", required = true, description = "Support examples per class.")
    int shots;

    @Option(names = "--queries", required = true, description = "Query examples per class.")
    int queries;

    @Option(names = "--meta-batch", description = "Tasks per meta-training step (algorithms with a meta_batch hyperparameter).")
    Integer metaBatch;

    @Option(names = "--inner-steps", description = "Inner-loop steps (algorithms with an inner_steps hyperparameter).")
    Integer innerSteps;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--steps", defaultValue = "20", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    EngineThreadsOption threads;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpuN (default: ${DEFAULT-VALUE}).")
    String device;

    @Mixin
    HyperparameterOptions hyperparameterOptions;

    @Option(names = "--json", description = "Print one JSON line with the timings on stdout.")
    boolean json;

    @Option(names = "--profile", paramLabel = "FILE",
            description = "Record the engine's operator profile of the timed steps and write it to FILE as a Chrome trace (JSON; open in chrome://tracing or Perfetto).")
    java.nio.file.Path profile;

    @Override
    public Integer call() throws Exception {
        OptionChecks.atLeast("--image-size", imageSize, 0);
        OptionChecks.atLeast("--warmup", warmup, 0);
        OptionChecks.atLeast("--steps", steps, 1);
        threads.check();
        TaskSpec shape = OptionChecks.episodeShape(ways, shots, queries);
        AlgorithmProvider provider = AlgorithmProvider.registry().get(algorithm);
        Dataset opened = DatasetProvider.registry().get(dataset).open(data.toOptions(imageSize));
        OptionChecks.learns(provider, opened);
        Hyperparameters hyperparameters = hyperparameterOptions.resolve(provider, opened.kind());
        Map<String, Object> overrides = new LinkedHashMap<>();
        putIfKnown(provider, overrides, "meta_batch", metaBatch, "--meta-batch");
        putIfKnown(provider, overrides, "inner_steps", innerSteps, "--inner-steps");
        hyperparameters = hyperparameters.with(overrides);
        // eval and suites train on the episodes the algorithm asks for at a test setting, which may differ
        TaskSpec trainedAs = opened.kind() == TaskKind.CLASSIFICATION ? provider.trainingSpec(hyperparameters, shape) : shape;
        if (!trainedAs.equals(shape)) {
            System.err.printf(Locale.ROOT, "note: for a %s test setting eval trains %s on %s episodes; this times %s "
                    + "episodes as given (pass --ways/--shots/--queries %d/%d/%d to time those)%n", shape, provider.name(),
                    trainedAs, shape, trainedAs.ways(), trainedAs.shots(), trainedAs.queries());
        }
        EpisodeSource episodes = opened.episodes(split, shape, seed);
        Device chosen = DeviceChoice.parse(device);
        LearnerContext context = new LearnerContext(chosen, opened.kind(), episodes.exampleShape(), shape, shape,
                episodes.classCount(), seed);
        double[] times = new double[steps];
        double[] sampling = new double[steps];
        int threadsUsed = threads.orElse(Integer.getInteger(CpuProfile.THREADS_PROPERTY,
                Runtime.getRuntime().availableProcessors()));
        try (MetaLearner learner = provider.create(hyperparameters, context)) {
            int batchSize = learner.metaBatchSize();
            System.err.printf(Locale.ROOT, "bench %s on %s/%s %s, meta-batch %d, %d warm-up + %d timed steps, %d threads, %s%n",
                    provider.name(), dataset, split, shape, batchSize, warmup, steps, threadsUsed, hyperparameters);
            long next = 0;
            for (int i = 0; i < warmup + steps; i++) {
                if (profile != null && i == warmup) {
                    if (threadsUsed > 1) {
                        System.err.println("note: the engine's profiler records the calling thread only; operators that"
                                + " maml and fomaml compute on their task workers are not in the trace (--threads 1"
                                + " computes everything on one thread)");
                    }
                    JniUtils.startProfile(false, true, false);
                }
                long t0 = System.nanoTime();
                List<Episode> batch = new ArrayList<>(batchSize);
                for (int b = 0; b < batchSize; b++) {
                    batch.add(episodes.episode(next++));
                }
                long t1 = System.nanoTime();
                StepResult r = learner.metaTrainStep(batch);
                long t2 = System.nanoTime();
                boolean timed = i >= warmup;
                if (timed) {
                    times[i - warmup] = (t2 - t0) / 1e9;
                    sampling[i - warmup] = (t1 - t0) / 1e9;
                }
                System.err.printf(Locale.ROOT, "  step %3d  loss %.4f  %.4f s (sampling %.4f s)%s%n", i + 1, r.loss(),
                        (t2 - t0) / 1e9, (t1 - t0) / 1e9, timed ? "" : "  [warm-up]");
            }
            if (profile != null) {
                writeProfile(profile);
            }
            double median = median(times);
            double min = Arrays.stream(times).min().orElseThrow();
            double max = Arrays.stream(times).max().orElseThrow();
            OptionalLong peak = PeakResidentMemory.mebibytes();
            System.err.printf(Locale.ROOT, "timed %d steps: median %.4f s (sampling median %.4f s), min %.4f s, max %.4f s%s%n",
                    steps, median, median(sampling), min, max,
                    peak.isPresent() ? ", peak resident memory " + peak.getAsLong() + " MiB" : "");
            if (json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("algorithm", provider.name());
                line.put("dataset", dataset);
                line.put("threads", threadsUsed);
                line.put("device", chosen.toString());
                line.put("ways", ways);
                line.put("shots", shots);
                line.put("queries", queries);
                line.put("eval_trains_on", trainedAs.equals(shape) ? null : trainedAs.toString());
                line.put("meta_batch", batchSize);
                line.put("inner_steps", hyperparameters.has("inner_steps") ? hyperparameters.getInt("inner_steps") : null);
                line.put("median_s_per_step", round4(median));
                line.put("min_s", round4(min));
                line.put("max_s", round4(max));
                line.put("sampling_median_s", round4(median(sampling)));
                line.put("steps", steps);
                line.put("peak_rss_mib", peak.isPresent() ? peak.getAsLong() : null);
                PrintWriter out = spec.commandLine().getOut();
                out.println(new ObjectMapper().writeValueAsString(line));
                out.flush();
            }
        }
        return 0;
    }

    private static void putIfKnown(AlgorithmProvider provider, Map<String, Object> overrides, String name, Integer value,
                                   String option) {
        if (value == null) {
            return;
        }
        boolean known = provider.hyperparameters().stream().map(HyperparameterSpec::name).anyMatch(name::equals);
        if (!known) {
            throw new UserInputException(option + " does not apply to " + provider.name() + ": it has no '" + name
                    + "' hyperparameter");
        }
        OptionChecks.atLeast(option, value, 1);
        overrides.put(name, value);
    }

    /** Stops the engine's profiler and writes its trace, refusing to leave a half-written file. */
    private static void writeProfile(java.nio.file.Path file) throws java.io.IOException {
        java.nio.file.Path absolute = file.toAbsolutePath();
        java.nio.file.Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        JniUtils.stopProfile(partial.toString());
        java.nio.file.Files.move(partial, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.err.println("operator profile of the timed steps written to " + absolute);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double round4(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
