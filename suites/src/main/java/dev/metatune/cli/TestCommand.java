package dev.metatune.cli;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metatune.data.Dataset;
import dev.metatune.data.DatasetProvider;
import dev.metatune.error.UserInputException;
import dev.metatune.eval.EvaluationProtocol;
import dev.metatune.eval.EvaluationResult;
import dev.metatune.eval.MeanInterval;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.MetaLearner;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskSpec;
import dev.metatune.train.model.ModelFolder;
import dev.metatune.train.model.ModelManifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code metatune test}: evaluates a model saved by {@code eval --save-model} (or by a run's final
 * evaluation) on the fixed, seeded test episodes of any data set and split, with the protocol,
 * interval and JSON line of {@code eval}. Images are prepared at the model's size; a request the
 * model cannot serve (another channel count, ways a MAML head cannot give) exits 2 saying why.
 */
@Command(name = "test", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a saved model on fixed, seeded episodes of any data set and split.",
            "Progress goes to stderr; with --json one JSON line goes to stdout."})
final class TestCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A saved model folder.")
    Path model;

    @Option(names = "--dataset", required = true, description = "Data set name (see 'metatune list').")
    String dataset;

    @Mixin
    DataDirOptions data;

    @Option(names = "--split", defaultValue = "test", description = "Split to evaluate on (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--ways", required = true, description = "N: classes per episode (1 for regression).")
    int ways;

    @Option(names = "--shots", required = true, description = "K: support examples per class.")
    int shots;

    @Option(names = "--queries", defaultValue = "15", description = "Query examples per class (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--test-episodes", defaultValue = "600", description = "Fixed test episodes (default: ${DEFAULT-VALUE}).")
    int testEpisodes;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpuN (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--json", description = "Print one JSON line with the result on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ModelFolder folder = ModelFolder.open(model);
        ModelManifest m = folder.manifest();
        AlgorithmProvider provider = AlgorithmProvider.registry().get(m.key().algorithm());
        Dataset opened = DatasetProvider.registry().get(dataset).open(data.toOptions(m.input().imageSize()));
        if (opened.kind() != m.kind()) {
            throw new UserInputException("the model in " + model + " learned " + m.kind() + " tasks; data set '" + dataset
                    + "' has " + opened.kind() + " tasks");
        }
        TaskSpec testSpec = new TaskSpec(ways, shots, queries);
        Device chosen = DeviceChoice.parse(device);
        EpisodeSource episodes = opened.episodes(split, testSpec, EvaluationProtocol.TEST_EPISODE_SEED);
        System.err.printf(Locale.ROOT, "%s model %s (trained on %s %s, %s, %d steps, seed %d) on %s %s %s, %s%n",
                provider.name(), model, m.key().dataset(), m.trainSplit(), m.setting(), m.trainSteps(), m.key().seed(),
                dataset, split, testSpec, chosen);
        EvaluationResult result;
        try (MetaLearner learner = folder.learner(provider, chosen, testSpec, episodes.exampleShape());
             ConsoleProgress testing = ConsoleProgress.onStderr("test")) {
            result = new EvaluationProtocol(testEpisodes).evaluate(learner, episodes, testing);
        }
        MeanInterval summary = result.summary();
        System.err.printf(Locale.ROOT, "%s %s on %s %s: %s %.4f +- %.4f (95%% CI over %d test episodes) in %.1f s%n",
                provider.name(), testSpec, dataset, split, result.metric().label(), summary.mean(), summary.ci95(), summary.n(),
                result.seconds());
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("algorithm", provider.name());
            line.put("dataset", dataset);
            line.put("split", split);
            line.put("ways", ways);
            line.put("shots", shots);
            line.put("queries", queries);
            line.put(result.metric().label(), summary.mean());
            line.put("ci95", summary.ci95());
            line.put("episodes", summary.n());
            line.put("train_steps", m.trainSteps());
            line.put("seed", m.key().seed());
            line.put("seconds", Math.round(result.seconds() * 10) / 10.0);
            line.put("hyperparameters", m.key().hyperparameters());
            line.put("model", model.toString());
            PrintWriter out = spec.commandLine().getOut();
            out.println(new ObjectMapper().writeValueAsString(line));
            out.flush();
        }
        return 0;
    }
}
