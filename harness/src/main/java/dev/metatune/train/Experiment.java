package dev.metatune.train;

import ai.djl.Device;
import dev.metatune.data.Dataset;
import dev.metatune.eval.EvaluationProtocol;
import dev.metatune.eval.EvaluationResult;
import dev.metatune.eval.ProgressListener;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.run.Provenance;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskSpec;
import dev.metatune.train.checkpoint.CheckpointKey;
import dev.metatune.train.checkpoint.CheckpointPlan;
import dev.metatune.train.checkpoint.TrainerPosition;
import dev.metatune.train.checkpoint.TrainingCheckpoints;
import dev.metatune.train.model.InputTransform;
import dev.metatune.train.model.ModelManifest;
import java.util.List;
import java.util.Objects;

/**
 * One configuration, meta-trained with one seed on a training split and scored on the fixed test
 * episodes of another split: what {@code metatune eval} does and what a sweep does for each winner
 * and seed.
 *
 * @param trainSplit   where meta-training episodes come from ({@code train})
 * @param testSplit    where the scored episodes come from ({@code test}, or {@code val} while tuning)
 * @param testSpec     the setting: ways, shots and queries of the scored episodes
 * @param trainSteps   meta-training steps
 * @param testEpisodes scored episodes
 * @param testSeed     seed of the scored episodes: fixed across algorithms and training seeds
 * @param seed         the training seed: weights and training episodes
 */
public record Experiment(AlgorithmProvider algorithm, Hyperparameters hyperparameters, Dataset dataset,
                         String trainSplit, String testSplit, TaskSpec testSpec, int trainSteps, int testEpisodes,
                         long testSeed, long seed, Device device) {

    public Experiment {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(device, "device");
        if (!algorithm.supportedKinds().contains(dataset.kind())) {
            throw new IllegalArgumentException("algorithm '" + algorithm.name() + "' cannot learn " + dataset.kind()
                    .name().toLowerCase(java.util.Locale.ROOT) + " tasks of data set '" + dataset.name() + "'; it supports "
                    + algorithm.supportedKinds());
        }
        if (trainSteps < 0) {
            throw new IllegalArgumentException("train steps must be >= 0, got " + trainSteps);
        }
        if (testEpisodes < 1) {
            throw new IllegalArgumentException("test episodes must be >= 1, got " + testEpisodes);
        }
    }

    /** What the experiment measured. */
    public record Result(TrainingSummary training, EvaluationResult test, long parameterCount, TaskSpec trainSpec) {
    }

    /** The shape of the training episodes the algorithm asks for. */
    public TaskSpec trainSpec() {
        return algorithm.trainingSpec(hyperparameters, testSpec);
    }

    /** Trains, then evaluates, telling the listeners as it goes. */
    public Result run(TrainingListener training, ProgressListener testing) {
        return run(training, testing, null, null);
    }

    /**
     * Trains, then evaluates. With {@code checkpoints} it resumes from {@link CheckpointPlan#resumeFrom()}
     * when that file exists (a checkpoint of this experiment: same algorithm, hyperparameters, data,
     * training shape and seed, else a {@code CheckpointException}), writes a checkpoint every
     * {@link CheckpointPlan#every()} steps, and deletes it once training finished. With
     * {@code trained} non-null, it is given the trained learner before the test (to save the model).
     */
    public Result run(TrainingListener training, ProgressListener testing, CheckpointPlan checkpoints, Trained trained) {
        return run(training, testing, checkpoints, trained, null);
    }

    /**
     * {@link #run(TrainingListener, ProgressListener, CheckpointPlan, Trained)}, with {@code tester}
     * (when non-null) scoring the trained learner instead of the fixed test episodes of the test split
     * (e.g. on a published episode list).
     */
    public Result run(TrainingListener training, ProgressListener testing, CheckpointPlan checkpoints, Trained trained,
                      Tester tester) {
        TaskSpec trainSpec = trainSpec();
        EpisodeSource trainEpisodes = dataset.episodes(trainSplit, trainSpec, seed);
        LearnerContext context = new LearnerContext(device, dataset.kind(), trainEpisodes.exampleShape(), trainSpec,
                testSpec, trainEpisodes.classCount(), seed);
        try (MetaLearner learner = algorithm.create(hyperparameters, context)) {
            TrainingSummary summary;
            MetaTrainer trainer = new MetaTrainer(trainSteps);
            if (checkpoints == null) {
                summary = trainer.train(learner, trainEpisodes, training);
            } else {
                TrainingCheckpoints files = new TrainingCheckpoints(checkpoints.file(), checkpoints.every(),
                        checkpointKey(context), trainSteps, device.toString());
                TrainerPosition from = files.take(checkpoints.resumeFrom())
                        .map(c -> TrainingCheckpoints.restore(learner, c)).orElse(TrainerPosition.start());
                try {
                    summary = trainer.train(learner, trainEpisodes, training, from, files.hook(learner, List::of));
                } catch (TrainingDivergedException diverged) {
                    files.delete(); // nothing to resume: it would diverge again
                    throw diverged;
                }
                files.delete();
            }
            if (trained != null) {
                try {
                    trained.accept(learner, context);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot save the trained model: " + e.getMessage(), e);
                }
            }
            EvaluationResult result = tester != null ? tester.test(learner, context)
                    : new EvaluationProtocol(testEpisodes).evaluate(learner, dataset.episodes(testSplit, testSpec, testSeed),
                            testing);
            return new Result(summary, result, learner.parameterCount(), trainSpec);
        }
    }

    /** Given the trained learner before the test, e.g. to save it ({@link #modelManifest}). */
    @FunctionalInterface
    public interface Trained {
        void accept(MetaLearner learner, LearnerContext context) throws java.io.IOException;
    }

    /** Scores a trained learner in place of the fixed test episodes. */
    @FunctionalInterface
    public interface Tester {
        EvaluationResult test(MetaLearner learner, LearnerContext context);
    }

    /** The manifest of this experiment's trained model, for {@code ModelFolder.save}. */
    public ModelManifest modelManifest(LearnerContext context, Provenance provenance) {
        return new ModelManifest(checkpointKey(context), dataset.kind(), InputTransform.of(dataset.name(),
                context.exampleShape()), trainSplit, testSpec, trainSteps, provenance);
    }

    /** What a checkpoint of this experiment's training must belong to. */
    public CheckpointKey checkpointKey(LearnerContext context) {
        return new CheckpointKey(algorithm.name(), algorithm.defaults(dataset.kind()).with(hyperparameters).asMap(),
                dataset.name(), context.exampleShape(), context.trainSpec(), context.trainClassCount(), seed);
    }
}
