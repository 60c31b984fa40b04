package dev.metatune.sweep;

import ai.djl.Device;
import dev.metatune.eval.EvaluationProtocol;
import dev.metatune.space.Distribution;
import dev.metatune.hpo.Objective;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.Trial;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.run.FinalEvaluation;
import dev.metatune.run.RunCodec;
import dev.metatune.task.TaskSpec;
import dev.metatune.train.Experiment;
import dev.metatune.train.TrainingListener;
import dev.metatune.run.Provenance;
import dev.metatune.train.model.ModelFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The final evaluation of a study's best configuration with one training seed (the trial's
 * {@code seed} parameter, enqueued by the runner): meta-train on the training classes for the
 * final budget, then score on the fixed meta-test episodes, the same for every algorithm. The
 * per-episode scores are kept with the trial's {@link FinalEvaluation} for paired comparisons.
 */
final class TestObjective implements Objective {

    private final AlgorithmProvider algorithm;
    private final Hyperparameters best;
    private final ResolvedDataset data;
    private final TaskSpec testSpec;
    private final int trainSteps;
    private final int testEpisodes;
    private final List<Long> seeds;
    private final Device device;
    private final TrainingListener progress;
    private final TrialCheckpointFiles checkpoints;
    private final java.util.function.LongFunction<Path> modelFolder;
    private final Provenance provenance;

    TestObjective(AlgorithmProvider algorithm, Hyperparameters best, ResolvedDataset data, TaskSpec testSpec, int trainSteps,
                  int testEpisodes, List<Long> seeds, Device device, TrainingListener progress) {
        this(algorithm, best, data, testSpec, trainSteps, testEpisodes, seeds, device, progress, null, null, null);
    }

    /**
     * With {@code checkpoints} non-null, a final training keeps its latest checkpoint there and a
     * retried one resumes from it; with {@code modelFolder} non-null, the model trained with each seed
     * is saved in the folder it gives for the seed, with {@code provenance}.
     */
    TestObjective(AlgorithmProvider algorithm, Hyperparameters best, ResolvedDataset data, TaskSpec testSpec, int trainSteps,
                  int testEpisodes, List<Long> seeds, Device device, TrainingListener progress,
                  TrialCheckpointFiles checkpoints, java.util.function.LongFunction<Path> modelFolder, Provenance provenance) {
        this.checkpoints = checkpoints;
        this.modelFolder = modelFolder;
        this.provenance = provenance;
        this.algorithm = algorithm;
        this.best = best;
        this.data = data;
        this.testSpec = testSpec;
        this.trainSteps = trainSteps;
        this.testEpisodes = testEpisodes;
        this.seeds = List.copyOf(seeds);
        this.device = device;
        this.progress = progress;
    }

    /** The distribution of the {@code seed} parameter: the suite's seeds. */
    Distribution seedDistribution() {
        return new Distribution.Categorical(new ArrayList<>(seeds));
    }

    @Override
    public double evaluate(Trial trial) {
        if (!trial.snapshot().systemAttrs().containsKey(Study.FIXED_PARAMS)) {
            throw new IllegalStateException("no final evaluation was waiting for this worker (another worker took the last one)");
        }
        long seed = ((Number) trial.suggest(RunCodec.SEED_PARAM, seedDistribution())).longValue();
        Experiment experiment = new Experiment(algorithm, best, data.dataset(), ResolvedDataset.TRAIN, ResolvedDataset.TEST,
                testSpec, trainSteps, testEpisodes, EvaluationProtocol.TEST_EPISODE_SEED, seed, device);
        Experiment.Result result = experiment.run(progress, (done, total, status) -> { },
                checkpoints == null ? null : checkpoints.plan(trial), modelFolder == null ? null
                        : (learner, context) -> ModelFolder.save(modelFolder.apply(seed),
                                experiment.modelManifest(context, provenance), learner, device.toString()));
        List<Double> scores = new ArrayList<>(testEpisodes);
        for (double s : result.test().perEpisode()) {
            scores.add(s);
        }
        List<List<Double>> stepScores = new ArrayList<>();
        for (double[] step : result.test().byAdaptationStep()) {
            stepScores.add(java.util.Arrays.stream(step).boxed().toList());
        }
        RunCodec.writeEvaluation(trial, new FinalEvaluation(seed, scores, best.asMap(), result.training().seconds(),
                result.test().seconds(), device.toString(), stepScores));
        return result.test().summary().mean();
    }
}
