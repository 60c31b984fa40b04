package dev.metatune.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metatune.suite.Setting;
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
import dev.metatune.error.UserInputException;
import dev.metatune.train.Experiment;
import dev.metatune.run.Provenance;
import dev.metatune.train.checkpoint.CheckpointPlan;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.LearnerState;
import dev.metatune.learner.MetaLearner;
import dev.metatune.train.episodes.EpisodeList;
import dev.metatune.train.episodes.ListEvaluation;
import dev.metatune.train.episodes.ListedEpisode;
import dev.metatune.train.model.InputTransform;
import dev.metatune.train.model.ModelFolder;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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

    @Option(names = "--image-size", paramLabel = "N", description = "Side of the square images the data set is resized to"
            + " (default: the data set's own, 28 for Omniglot; Santoro et al. used 20 for mann).")
    int imageSize;

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

    @Mixin
    EngineThreadsOption threads;

    @Mixin
    HyperparameterOptions hyperparameterOptions;

    @Option(names = "--json", description = "Print one JSON line with the result on stdout.")
    boolean json;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Write a checkpoint every N training steps"
            + " (needs --checkpoint-dir); it is deleted when training finishes.")
    Integer checkpointEvery;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Where the checkpoint lives ("
            + EVAL_CHECKPOINT + " in DIR).")
    Path checkpointDir;

    @Option(names = "--resume", description = "Continue from the checkpoint in --checkpoint-dir, if there is one"
            + " (same algorithm, hyperparameters, data, setting and seed).")
    boolean resume;

    @Option(names = "--save-model", paramLabel = "DIR", description = "Save the meta-trained model in DIR (learner"
            + " state and manifest), for 'metatune test --model DIR'.")
    Path saveModel;

    @Option(names = "--episodes", paramLabel = "FILE", description = "Test on the episodes of this list (CSV episode,"
            + "role,label,path; see README) instead of the fixed test episodes of --test-split.")
    Path episodesFile;

    /** The checkpoint file of {@code eval} in its {@code --checkpoint-dir}. */
    static final String EVAL_CHECKPOINT = "eval.ckpt";

    @Override
    public Integer call() throws Exception {
        OptionChecks.atLeast("--image-size", imageSize, 0);
        threads.check();
        OptionChecks.atLeast("--train-steps", trainSteps, 0);
        OptionChecks.atLeast("--test-episodes", testEpisodes, 1);
        TaskSpec testSpec = OptionChecks.episodeShape(ways, shots, queries);
        CheckpointPlan checkpoints = checkpointPlan();
        AlgorithmProvider provider = AlgorithmProvider.registry().get(algorithm);
        Dataset opened = DatasetProvider.registry().get(dataset).open(data.toOptions(imageSize));
        OptionChecks.learns(provider, opened);
        Hyperparameters hyperparameters = hyperparameterOptions.resolve(provider, opened.kind());
        Device chosen = DeviceChoice.parse(device);
        Experiment experiment = new Experiment(provider, hyperparameters, opened, trainSplit, testSplit, testSpec,
                trainSteps, testEpisodes, EvaluationProtocol.TEST_EPISODE_SEED, seed, chosen);
        System.err.printf(Locale.ROOT, "%s on %s %s, training on %s (%s episodes), %d steps, seed %d, %s; %s%n",
                provider.name(), dataset, testSpec, trainSplit, experiment.trainSpec(), trainSteps, seed, chosen,
                hyperparameters);
        // a bad list stops here, before any training
        List<ListedEpisode> listed = episodesFile == null ? null : readList(InputTransform.of(opened.name(),
                opened.episodes(trainSplit, experiment.trainSpec(), seed).exampleShape()));
        Experiment.Result result;
        try (ConsoleProgress training = ConsoleProgress.onStderr("train");
             ConsoleProgress testing = ConsoleProgress.onStderr("test")) {
            result = experiment.run((step, total, r) -> training.progress(step, total, String.format(Locale.ROOT,
                    opened.kind() == TaskKind.CLASSIFICATION ? "loss %.4f acc %.3f"
                            : opened.kind() == TaskKind.REINFORCEMENT ? "loss (-return) %.4f" : "loss %.4f", r.loss(),
                    r.accuracy())),
                    testing, checkpoints, saveModel == null ? null : (learner, context) -> ModelFolder.save(saveModel,
                            experiment.modelManifest(context, Provenance.collect(Path.of("").toAbsolutePath(),
                                    Engine.getInstance(), chosen.toString(), "", "", List.of(seed), Instant.now().toString())),
                            learner, chosen.toString()), episodesFile == null ? null : (learner, context) -> {
                                LearnerState state = learner.saveState();
                                return ListEvaluation.evaluate(listed, setting -> {
                                    MetaLearner copy = provider.create(hyperparameters, new LearnerContext(context.device(),
                                            context.kind(), context.exampleShape(), context.trainSpec(), setting,
                                            context.trainClassCount(), context.seed()));
                                    copy.restoreState(state);
                                    return copy;
                                }, Metric.of(opened.kind()), testing);
                            });
        }
        MeanInterval summary = result.test().summary();
        Metric metric = result.test().metric();
        double seconds = result.training().seconds() + result.test().seconds();
        System.err.printf(Locale.ROOT, "%s %s: %s %.4f +- %.4f (95%% CI over %d test episodes); trained %d steps in %.1f s,"
                        + " evaluated in %.1f s%n", provider.name(), testSpec, metric.label(), summary.mean(), summary.ci95(),
                summary.n(), trainSteps, result.training().seconds(), result.test().seconds());
        List<MeanInterval> curve = result.test().curve();
        for (int k = 0; k < curve.size(); k++) {
            System.err.printf(Locale.ROOT, "  %s after %d adaptation step%s: %.4f +- %.4f%n", metric.label(), k,
                    k == 1 ? "" : "s", curve.get(k).mean(), curve.get(k).ci95());
        }
        PresentationReport.print(result.test(), System.err);
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("algorithm", provider.name());
            line.put("dataset", dataset);
            line.put("ways", ways);
            line.put("shots", shots);
            line.put("queries", queries);
            if (imageSize > 0) {
                line.put("image_size", imageSize);
            }
            line.put(metric.label(), summary.mean());
            line.put("ci95", summary.ci95());
            line.put("episodes", summary.n());
            line.put("train_steps", trainSteps);
            line.put("seed", seed);
            line.put("seconds", Math.round(seconds * 10) / 10.0);
            line.put("train_seconds", Math.round(result.training().seconds() * 10) / 10.0);
            if (!curve.isEmpty()) {
                List<Map<String, Object>> steps = new java.util.ArrayList<>();
                for (int k = 0; k < curve.size(); k++) {
                    Map<String, Object> point = new LinkedHashMap<>();
                    point.put("adaptation_steps", k);
                    point.put(metric.label(), curve.get(k).mean());
                    point.put("ci95", curve.get(k).ci95());
                    steps.add(point);
                }
                line.put("by_adaptation_step", steps);
            }
            PresentationReport.put(result.test(), line);
            line.put("hyperparameters", hyperparameters.asMap());
            provider.publishedResult(dataset, new Setting(ways, shots, queries).label()).ifPresent(p -> {
                Map<String, Object> paper = new LinkedHashMap<>();
                paper.put(metric.label(), p.value());
                paper.put("ci95", p.interval());
                paper.put("citation", p.citation());
                line.put("paper", paper);
            });
            if (saveModel != null) {
                line.put("model", saveModel.toString());
            }
            if (episodesFile != null) {
                line.put("episodes_file", episodesFile.toString());
                line.put("per_episode", TestCommand.perEpisode(listed, result.test(), metric));
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(new ObjectMapper().writeValueAsString(line));
            out.flush();
        }
        return 0;
    }

    private List<ListedEpisode> readList(InputTransform transform) {
        try {
            return EpisodeList.read(episodesFile, transform);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + episodesFile + ": " + e.getMessage(), e);
        }
    }

    /** The checkpoint plan the options ask for, or null; inconsistent options are the user's error (exit 2). */
    private CheckpointPlan checkpointPlan() {
        if (checkpointDir == null) {
            if (checkpointEvery != null || resume) {
                throw new UserInputException((resume ? "--resume" : "--checkpoint-every")
                        + " needs --checkpoint-dir DIR (where the checkpoint lives)");
            }
            return null;
        }
        if (checkpointEvery != null && checkpointEvery < 1) {
            throw new UserInputException("--checkpoint-every must be at least 1, got " + checkpointEvery);
        }
        Path file = checkpointDir.resolve(EVAL_CHECKPOINT);
        if (!resume && Files.exists(file)) {
            throw new UserInputException(file + " holds the checkpoint of an earlier eval: pass --resume to continue it,"
                    + " or delete it to start over");
        }
        int every = checkpointEvery == null ? Integer.MAX_VALUE : checkpointEvery;
        return new CheckpointPlan(file, file, every);
    }
}
