package dev.metatune.cli;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metatune.data.Dataset;
import dev.metatune.plugin.Registry;
import dev.metatune.data.DatasetProvider;
import dev.metatune.eval.EvaluationProtocol;
import dev.metatune.eval.MeanInterval;
import dev.metatune.eval.Metric;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import dev.metatune.train.Experiment;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code metatune eval}: meta-trains one algorithm on a data set's training classes, then scores it
 * on the fixed test episodes of its test classes, with a 95% interval.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Meta-train one algorithm on the training classes, then evaluate it on fixed, seeded test episodes.",
            "Progress goes to stderr; with --json one JSON line goes to stdout."})
final class EvalCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--algorithm", required = true, description = "Algorithm name (see 'metatune list').")
    String algorithm;

    @Option(names = "--dataset", required = true, description = "Data set name (see 'metatune list').")
    String dataset;

    @Mixin
    DataDirOptions data;

    @Option(names = "--ways", required = true, description = "N: classes per episode (1 for regression).")
    int ways;

    @Option(names = "--shots", required = true, description = "K: support examples per class (points for regression).")
    int shots;

    @Option(names = "--queries", defaultValue = "15", description = "Query examples per class (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--train-steps", required = true, description = "Meta-training steps (0 evaluates the untrained initialisation).")
    int trainSteps;

    @Option(names = "--test-episodes", defaultValue = "600", description = "Fixed test episodes (default: ${DEFAULT-VALUE}).")
    int testEpisodes;

    @Option(names = "--seed", defaultValue = "1", description = "Training seed: weights and training episodes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train-split", defaultValue = "train", description = "Split to meta-train on (default: ${DEFAULT-VALUE}).")
    String trainSplit;

    @Option(names = "--test-split", defaultValue = "test", description = "Split to evaluate on (default: ${DEFAULT-VALUE}).")
    String testSplit;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpuN (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--threads", description = "PyTorch intra-op threads; maml and fomaml on CPU compute that many tasks side by side instead (the launcher applies it; default: all cores).")
    Integer threads;

    @Mixin
    HyperparameterOptions hyperparameterOptions;

    @Option(names = "--json", description = "Print one JSON line with the result on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (threads != null) {
            OptionChecks.atLeast("--threads", threads, 1);
        }
        OptionChecks.atLeast("--train-steps", trainSteps, 0);
        OptionChecks.atLeast("--test-episodes", testEpisodes, 1);
        TaskSpec testSpec = OptionChecks.episodeShape(ways, shots, queries);
        AlgorithmProvider provider = AlgorithmProvider.registry().get(algorithm);
        Dataset opened = DatasetProvider.registry().get(dataset).open(data.toOptions(0));
        OptionChecks.learns(provider, opened);
        Hyperparameters hyperparameters = hyperparameterOptions.resolve(provider, opened.kind());
        Device chosen = DeviceChoice.parse(device);
        Experiment experiment = new Experiment(provider, hyperparameters, opened, trainSplit, testSplit, testSpec,
                trainSteps, testEpisodes, EvaluationProtocol.TEST_EPISODE_SEED, seed, chosen);
        System.err.printf(Locale.ROOT, "%s on %s %s, training on %s (%s episodes), %d steps, seed %d, %s; %s%n",
                provider.name(), dataset, testSpec, trainSplit, experiment.trainSpec(), trainSteps, seed, chosen,
                hyperparameters);
        Experiment.Result result;
        try (ConsoleProgress training = ConsoleProgress.onStderr("train");
             ConsoleProgress testing = ConsoleProgress.onStderr("test")) {
            result = experiment.run((step, total, r) -> training.progress(step, total, String.format(Locale.ROOT,
                    opened.kind() == TaskKind.CLASSIFICATION ? "loss %.4f acc %.3f" : "loss %.4f", r.loss(), r.accuracy())),
                    testing);
        }
        MeanInterval summary = result.test().summary();
        Metric metric = result.test().metric();
        double seconds = result.training().seconds() + result.test().seconds();
        System.err.printf(Locale.ROOT, "%s %s: %s %.4f +- %.4f (95%% CI over %d test episodes); trained %d steps in %.1f s,"
                        + " evaluated in %.1f s%n", provider.name(), testSpec, metric.label(), summary.mean(), summary.ci95(),
                summary.n(), trainSteps, result.training().seconds(), result.test().seconds());
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("algorithm", provider.name());
            line.put("dataset", dataset);
            line.put("ways", ways);
            line.put("shots", shots);
            line.put("queries", queries);
            line.put(metric.label(), summary.mean());
            line.put("ci95", summary.ci95());
            line.put("episodes", summary.n());
            line.put("train_steps", trainSteps);
            line.put("seed", seed);
            line.put("seconds", Math.round(seconds * 10) / 10.0);
            line.put("train_seconds", Math.round(result.training().seconds() * 10) / 10.0);
            line.put("hyperparameters", hyperparameters.asMap());
            PrintWriter out = spec.commandLine().getOut();
            out.println(new ObjectMapper().writeValueAsString(line));
            out.flush();
        }
        return 0;
    }
}
