package dev.metatune.sweep;

import ai.djl.Device;
import dev.metatune.eval.EvaluationProtocol;
import dev.metatune.eval.EvaluationResult;
import dev.metatune.eval.ProgressListener;
import dev.metatune.space.Distribution;
import dev.metatune.hpo.Objective;
import dev.metatune.hpo.Trial;
import dev.metatune.hpo.TrialPrunedException;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.run.RunCodec;
import dev.metatune.run.TrialSetup;
import dev.metatune.suite.Budget;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskSpec;
import dev.metatune.train.MetaTrainer;
import dev.metatune.train.checkpoint.Checkpoint;
import dev.metatune.train.checkpoint.CheckpointKey;
import dev.metatune.train.checkpoint.CheckpointPlan;
import dev.metatune.train.checkpoint.ReportedValue;
import dev.metatune.train.checkpoint.StepHook;
import dev.metatune.train.checkpoint.TrainerPosition;
import dev.metatune.train.checkpoint.TrainingCheckpoints;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One tuning trial: draws the searched hyperparameters, meta-trains on the training classes and
 * reports the meta-validation score every {@code validate_every} steps (with the per-episode scores,
 * for the Wilcoxon pruner), so that the study's pruner can stop it early. The value is the last
 * validation score. The meta-test classes are never touched here.
 */
final class TuningObjective implements Objective {

    /** Seed of the meta-validation episodes: the same episodes for every trial, algorithm and run. */
    static final long VALIDATION_EPISODE_SEED = 20_160_613L;

    /** User attribute of a trial that continued from the checkpoint of the dead trial it repeats: the step it resumed at. */
    static final String RESUMED_FROM_STEP = "resumed_from_step";

    private final AlgorithmProvider algorithm;
    private final Map<String, Object> fixed;
    private final Map<String, Distribution> search;
    private final ResolvedDataset data;
    private final TaskSpec setting;
    private final Budget budget;
    private final long seed;
    private final Device device;
    private final TrialProgress progress;
    private final TrialCheckpointFiles checkpoints;

    /** Told as a trial trains, for the progress display. */
    interface TrialProgress {
        void step(int trialNumber, int step, int total, double lastValidation);
    }

    TuningObjective(AlgorithmProvider algorithm, Map<String, Object> fixed, Map<String, Distribution> search,
                    ResolvedDataset data, TaskSpec setting, Budget budget, long seed, Device device, TrialProgress progress) {
        this(algorithm, fixed, search, data, setting, budget, seed, device, progress, null);
    }

    /** With {@code checkpoints} non-null, a trial keeps its latest checkpoint there and a retried trial resumes from it. */
    TuningObjective(AlgorithmProvider algorithm, Map<String, Object> fixed, Map<String, Distribution> search,
                    ResolvedDataset data, TaskSpec setting, Budget budget, long seed, Device device, TrialProgress progress,
                    TrialCheckpointFiles checkpoints) {
        this.checkpoints = checkpoints;
        this.algorithm = algorithm;
        this.fixed = Map.copyOf(fixed);
        this.search = new LinkedHashMap<>(search);
        this.data = data;
        this.setting = setting;
        this.budget = budget;
        this.seed = seed;
        this.device = device;
        this.progress = progress;
    }

    @Override
    public double evaluate(Trial trial) {
        Map<String, Object> params = new LinkedHashMap<>(fixed);
        for (Map.Entry<String, Distribution> e : search.entrySet()) {
            params.put(e.getKey(), trial.suggest(e.getKey(), e.getValue()));
        }
        RunCodec.writeTrialSetup(trial, new TrialSetup(seed, device.toString(), fixed));
        Hyperparameters hyperparameters = algorithm.defaults(data.dataset().kind()).with(params);
        TaskSpec trainSpec = algorithm.trainingSpec(hyperparameters, setting);
        EpisodeSource training = data.dataset().episodes(ResolvedDataset.TRAIN, trainSpec, seed);
        EpisodeSource validation = data.dataset().episodes(ResolvedDataset.VALIDATION, setting, VALIDATION_EPISODE_SEED);
        EvaluationProtocol protocol = new EvaluationProtocol(budget.validationEpisodes());
        LearnerContext context = new LearnerContext(device, data.dataset().kind(), training.exampleShape(), trainSpec,
                setting, training.classCount(), seed);
        double[] last = {Double.NaN};
        int steps = budget.trainSteps();
        CheckpointPlan plan = checkpoints == null ? null : checkpoints.plan(trial);
        List<ReportedValue> reports = new ArrayList<>();
        try (MetaLearner learner = algorithm.create(hyperparameters, context)) {
            TrainerPosition from = TrainerPosition.start();
            StepHook hook = StepHook.NONE;
            TrainingCheckpoints files = null;
            if (plan != null) {
                CheckpointKey key = new CheckpointKey(algorithm.name(), hyperparameters.asMap(), data.dataset().name(),
                        context.exampleShape(), trainSpec, context.trainClassCount(), seed);
                files = new TrainingCheckpoints(plan.file(), plan.every(), key, steps, device.toString());
                Optional<Checkpoint> resumed = files.take(plan.resumeFrom());
                if (resumed.isPresent()) {
                    from = TrainingCheckpoints.restore(learner, resumed.get());
                    trial.setUserAttr(RESUMED_FROM_STEP, from.step());
                    // the steps before the checkpoint, reported once by this trial: no gap, no repeated step
                    for (ReportedValue r : resumed.get().reports()) {
                        trial.report(r.step(), r.value(), r.perEpisode());
                        reports.add(r);
                        last[0] = r.value();
                    }
                }
                hook = files.hook(learner, () -> reports);
            }
            try {
                new MetaTrainer(steps).train(learner, training, (step, total, result) -> {
                    if (step % budget.validateEvery() == 0 || step == total) {
                        EvaluationResult r = protocol.evaluate(learner, validation, ProgressListener.NONE);
                        last[0] = r.summary().mean();
                        trial.report(step, last[0], r.perEpisode());
                        reports.add(new ReportedValue(step, last[0], r.perEpisode()));
                        if (step < total && trial.shouldPrune()) {
                            throw new TrialPrunedException("pruned at step " + step + " with validation " + last[0]);
                        }
                    }
                    progress.step(trial.number(), step, total, last[0]);
                }, from, hook);
            } finally {
                // the trial ends here, whatever the outcome (complete, pruned, failed: none is run again);
                // only a worker that dies leaves its checkpoint, for the retry
                if (files != null) {
                    files.delete();
                }
            }
            if (steps == 0) {
                EvaluationResult r = protocol.evaluate(learner, validation, ProgressListener.NONE);
                last[0] = r.summary().mean();
                trial.report(0, last[0], r.perEpisode());
            }
        }
        return last[0];
    }
}
