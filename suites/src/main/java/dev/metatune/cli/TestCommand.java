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
import dev.metatune.eval.EpisodeScores;
import dev.metatune.eval.Metric;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.MetaLearner;
import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskSpec;
import dev.metatune.train.episodes.EpisodeList;
import dev.metatune.train.episodes.ListEvaluation;
import dev.metatune.train.episodes.ListedEpisode;
import dev.metatune.train.model.ModelFolder;
import dev.metatune.train.model.ModelManifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    @Option(names = "--dataset", description = "Data set name (see 'metatune list'); not with --episodes.")
    String dataset;

    @Mixin
    DataDirOptions data;

    @Option(names = "--split", defaultValue = "test", description = "Split to evaluate on (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--ways", description = "N: classes per episode (1 for regression); from the file with --episodes.")
    Integer ways;

    @Option(names = "--shots", description = "K: support examples per class; from the file with --episodes.")
    Integer shots;

    @Option(names = "--queries", defaultValue = "15", description = "Query examples per class (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--test-episodes", defaultValue = "600", description = "Fixed test episodes (default: ${DEFAULT-VALUE}).")
    int testEpisodes;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpuN (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--threads", description = "PyTorch intra-op threads (the launcher applies it; default: all cores);"
            + " give fewer when other jobs share the cores, as oversubscribed threads slow the test many times over.")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON line with the result on stdout.")
    boolean json;

    @Option(names = "--episodes", paramLabel = "FILE", description = "Evaluate the episodes of this list (CSV episode,role,"
            + "label,path; see README) instead of sampled ones, in file order.")
    Path episodesFile;

    @Override
    public Integer call() throws Exception {
        if (threads != null) {
            OptionChecks.atLeast("--threads", threads, 1);
        }
        ModelFolder folder = ModelFolder.open(model);
        ModelManifest m = folder.manifest();
        AlgorithmProvider provider = AlgorithmProvider.registry().get(m.key().algorithm());
        Device chosen = DeviceChoice.parse(device);
        List<ListedEpisode> listed;
        String source;
        if (episodesFile != null) {
            listed = EpisodeList.read(episodesFile, m.input());
            source = episodesFile.toString();
        } else {
            if (dataset == null || ways == null || shots == null) {
                throw new UserInputException("test needs --dataset, --ways and --shots (or --episodes FILE)");
            }
            listed = sampled(m, new TaskSpec(ways, shots, queries));
            source = dataset + " " + split;
        }
        System.err.printf(Locale.ROOT, "%s model %s (trained on %s %s, %s, %d steps, seed %d) on %d episodes of %s, %s%n",
                provider.name(), model, m.key().dataset(), m.trainSplit(), m.setting(), m.trainSteps(), m.key().seed(),
                listed.size(), source, chosen);
        Metric metric = Metric.of(m.kind());
        EvaluationResult result;
        try (ConsoleProgress testing = ConsoleProgress.onStderr("test")) {
            result = ListEvaluation.evaluate(listed, setting -> folder.learner(provider, chosen, setting,
                    m.input().exampleShape()), metric, testing);
        }
        MeanInterval summary = result.summary();
        System.err.printf(Locale.ROOT, "%s on %s: %s %.4f +- %.4f (95%% CI over %d test episodes) in %.1f s%n",
                provider.name(), source, metric.label(), summary.mean(), summary.ci95(), summary.n(), result.seconds());
        PresentationReport.print(result, System.err);
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("algorithm", provider.name());
            if (episodesFile != null) {
                line.put("episodes_file", episodesFile.toString());
            } else {
                line.put("dataset", dataset);
                line.put("split", split);
                line.put("ways", ways);
                line.put("shots", shots);
                line.put("queries", queries);
            }
            line.put(metric.label(), summary.mean());
            line.put("ci95", summary.ci95());
            line.put("episodes", summary.n());
            line.put("train_steps", m.trainSteps());
            line.put("seed", m.key().seed());
            line.put("seconds", Math.round(result.seconds() * 10) / 10.0);
            PresentationReport.put(result, line);
            line.put("hyperparameters", m.key().hyperparameters());
            line.put("model", model.toString());
            line.put("per_episode", perEpisode(listed, result, metric));
            PrintWriter out = spec.commandLine().getOut();
            out.println(new ObjectMapper().writeValueAsString(line));
            out.flush();
        }
        return 0;
    }

    /** The per-episode results of the JSON line: id, ways, shots and score of each episode, in order. */
    static List<Map<String, Object>> perEpisode(List<ListedEpisode> listed, EvaluationResult result, Metric metric) {
        List<Map<String, Object>> rows = new ArrayList<>();
        double[] scores = result.perEpisode();
        for (int i = 0; i < scores.length; i++) {
            ListedEpisode item = listed.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("episode", item.id());
            row.put("ways", item.episode().spec().ways());
            row.put("shots", item.shots());
            row.put(metric.label(), scores[i]);
            rows.add(row);
        }
        return rows;
    }

    /** The fixed, seeded test episodes of {@code --dataset} and {@code --split}, prepared at the model's image size. */
    private List<ListedEpisode> sampled(ModelManifest m, TaskSpec testSpec) {
        Dataset opened = DatasetProvider.registry().get(dataset).open(data.toOptions(m.input().imageSize()));
        if (opened.kind() != m.kind()) {
            throw new UserInputException("the model in " + model + " learned " + m.kind() + " tasks; data set '" + dataset
                    + "' has " + opened.kind() + " tasks");
        }
        if (testEpisodes < 1) {
            throw new UserInputException("--test-episodes must be at least 1, got " + testEpisodes);
        }
        EpisodeSource episodes = opened.episodes(split, testSpec, EvaluationProtocol.TEST_EPISODE_SEED);
        // made one at a time as the evaluation asks for them: 600 episodes of images do not all fit in memory
        return new java.util.AbstractList<>() {
            @Override
            public ListedEpisode get(int i) {
                return new ListedEpisode(Integer.toString(i), 0, episodes.episode(i), testSpec.shots());
            }

            @Override
            public int size() {
                return testEpisodes;
            }
        };
    }
}
