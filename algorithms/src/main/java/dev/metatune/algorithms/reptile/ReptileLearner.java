package dev.metatune.algorithms.reptile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.metatune.algorithms.backbone.FastWeights;
import dev.metatune.algorithms.backbone.FunctionalNetwork;
import dev.metatune.algorithms.backbone.Normalization;
import dev.metatune.algorithms.training.AdaptedNetwork;
import dev.metatune.algorithms.training.Batches;
import dev.metatune.algorithms.training.Backbones;
import dev.metatune.algorithms.training.GradMode;
import dev.metatune.algorithms.training.GradientModule;
import dev.metatune.algorithms.training.MetaBatchGradient;
import dev.metatune.algorithms.training.NamedParameter;
import dev.metatune.algorithms.training.TaskTensors;
import dev.metatune.algorithms.training.TrainingState;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.LearnerState;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.StepResult;
import dev.metatune.task.Episode;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskKind;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Reptile (Nichol, Achiam and Schulman, "On First-Order Meta-Learning Algorithms", arXiv:1803.02999,
 * 2018): for each task of the meta-batch, {@code inner_steps} SGD or Adam steps on minibatches of its
 * support set give adapted weights phi ({@link ReptileInnerLoop}), and the initialisation moves toward
 * them: {@code theta += epsilon_t * mean_i(phi_i - theta)} (Algorithm 1, serial, with
 * {@code meta_batch} 1; Algorithm 2, batched, otherwise), with {@code epsilon_t} falling linearly
 * from {@code outer_step} to 0 over {@code outer_steps} meta-steps as in the paper's code. The query
 * sets are not used for the update; the step result reports the query loss and accuracy at phi.
 *
 * <p>BatchNorm: every inner step normalises its minibatch with its own statistics (the paper's
 * code). At test, with {@code transductive_bn} (the default, the paper's transductive setting) the
 * query batch is normalised with its own statistics; without it, with the support set's statistics
 * at the adapted weights, so each query's prediction depends on the support set and itself only
 * (the paper's non-transductive setting instead puts each query into a batch with the support set;
 * the two differ by that one example's share of the statistics).
 *
 * <p>Inner Adam ({@code inner_adam_state}): with {@code per_task} it starts afresh for every task,
 * so the tasks of a batch are independent and are computed side by side. With {@code persistent}
 * (the default) one {@link InnerAdamState} ({@link #persistedAdam}) is carried through all of
 * meta-training, as the paper's code carries its TensorFlow Adam's slots and beta powers (it resets
 * only the trainable variables between tasks): the tasks of a meta-batch run one after another, in
 * batch order on the calling thread, each starting from the moments and update count the previous
 * one left. Test adaptation ({@link #adapt}) then starts from a copy of the persisted state and
 * discards it, so it changes no training state and every test task starts from the same moments: the
 * paper's {@code Reptile.evaluate} likewise adapts from the model's current optimizer slots and
 * then re-imports all global variables, slots included, that it exported before.
 *
 * <p>Training state ({@link #saveState}): {@link #params} (the initialisation, in the order of the
 * network's parameters), {@link #step} (which sets the annealed outer step size and the seeds of
 * the tasks' minibatch orders) and, with a persistent inner Adam, its moments and update count.
 */
final class ReptileLearner implements MetaLearner {

    private static final long TEST_SEED = 0x7e57_5eedL;

    private final ReptileConfig config;
    private final TaskKind kind;
    private final long seed;
    private final NDManager manager;
    /** The meta-learned initialisation theta. */
    private final NDList params;
    /** {@link #params} by the network's parameter names, for the saved state. */
    private final List<NamedParameter> named;
    private final GradientModule gradients;
    private final ReptileInnerLoop inner;
    private final MetaBatchGradient batches;
    /** The inner Adam's state carried across tasks ({@code inner_adam_state=persistent}); null when each task starts afresh. */
    private final InnerAdamState persistedAdam;
    /** {@link #named}, then the persisted inner Adam's moments by name, for the saved state. */
    private final List<NamedParameter> saved;
    /** Meta-steps taken. */
    private long step;
    private boolean closed;

    ReptileLearner(ReptileConfig config, LearnerContext context) {
        this(config, context, Backbones.forContext(context, config.convVariant(), config.filters(), config.hidden(), "Reptile"));
    }

    /** A learner of {@code network} (tests use a linear model, on which the update has a closed form). */
    ReptileLearner(ReptileConfig config, LearnerContext context, FunctionalNetwork network) {
        this.config = config;
        this.kind = context.kind();
        this.seed = context.seed();
        this.manager = NDManager.newBaseManager(context.device(), "PyTorch");
        try {
            this.params = FastWeights.initial(manager, network, context.seed(), DataType.FLOAT32);
            List<NamedParameter> names = new ArrayList<>(params.size());
            for (int i = 0; i < params.size(); i++) {
                names.add(new NamedParameter(network.parameters().get(i).name(), params.get(i)));
            }
            this.named = List.copyOf(names);
            this.gradients = new GradientModule(manager);
            this.inner = new ReptileInnerLoop(network, gradients, new TaskTensors(DataType.FLOAT32, kind), config);
            // a persisted inner Adam is advanced by one task at a time: one worker, the calling thread
            this.batches = new MetaBatchGradient(context.device(), config.persistentAdam() ? 1 : config.metaBatch(), "reptile");
            this.persistedAdam = config.persistentAdam() ? InnerAdamState.fresh(manager, params) : null;
            List<NamedParameter> all = new ArrayList<>(named);
            if (persistedAdam != null) {
                all.addAll(persistedAdam.named(named));
            }
            this.saved = List.copyOf(all);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public int metaBatchSize() {
        return config.metaBatch();
    }

    @Override
    public long parameterCount() {
        return inner.network().parameterCount();
    }

    @Override
    public long liveArrays() {
        return closed ? 0 : manager.getManagedArrays().size();
    }

    /** One outer update toward the batch's adapted weights, with the step size annealed for this step. */
    @Override
    public StepResult metaTrainStep(List<Episode> batch) {
        checkOpen();
        Batches.checkMetaBatch(batch, kind);
        Map<Episode, Long> seeds = new IdentityHashMap<>();
        SplittableRandom random = new SplittableRandom(seed ^ (step * 0x9E3779B97F4A7C15L));
        for (Episode e : batch) {
            seeds.putIfAbsent(e, random.nextLong());
        }
        MetaBatchGradient.Sum sum;
        double epsilon = config.outerStepAt(step);
        try (NDManager scope = manager.newSubManager()) {
            sum = batches.compute(batch, scope, params, (episode, task, sums) -> task(episode, task, sums, seeds.get(episode)));
            try (GradMode off = GradMode.disabled()) {
                // theta -= epsilon * mean(theta - phi), in place
                for (int i = 0; i < params.size(); i++) {
                    params.get(i).subi(sum.gradient().get(i).mul(epsilon / batch.size()));
                }
            }
        }
        step++;
        double accuracy = kind == TaskKind.CLASSIFICATION ? (double) sum.correct() / sum.queries() : Double.NaN;
        return new StepResult(sum.loss() / batch.size(), accuracy);
    }

    /** Adds theta - phi into {@code sums}; reports the query loss at phi. */
    private MetaBatchGradient.TaskOutcome task(Episode episode, NDManager task, NDList sums, long taskSeed) {
        NDList phi = persistedAdam == null
                ? inner.adapt(task, params, episode.support(), config.innerSteps(), config.innerBatch(), taskSeed)
                : inner.adapt(task, params, episode.support(), config.innerSteps(), config.innerBatch(), taskSeed, persistedAdam);
        try (GradMode off = GradMode.disabled()) {
            for (int i = 0; i < params.size(); i++) {
                sums.get(i).addi(params.get(i)).subi(phi.get(i));
            }
            TaskTensors tensors = inner.tensors();
            NDArray xq = tensors.input(task, episode.query());
            NDArray out = inner.network().forward(phi, xq, queryNormalization(phi, task, episode.support()));
            NDArray loss = tensors.loss(out, episode.query());
            long correct = 0;
            long queries = 0;
            if (kind == TaskKind.CLASSIFICATION) {
                correct = TaskTensors.correct(out, episode.query().labels());
                queries = episode.query().count();
            }
            return new MetaBatchGradient.TaskOutcome(TaskTensors.value(loss), correct, queries);
        }
    }

    private Normalization queryNormalization(NDList phi, NDManager task, Examples support) {
        if (config.transductiveBn()) {
            return Normalization.batch();
        }
        return Normalization.fixed(inner.network().batchStatistics(phi, inner.tensors().input(task, support)));
    }

    /**
     * {@code test_inner_steps} inner steps on minibatches of {@code test_inner_batch} support
     * examples; a persistent inner Adam starts from a copy of its state, which is discarded.
     */
    @Override
    public AdaptedModel adapt(Examples support) {
        checkOpen();
        if (support.kind() != kind) {
            throw new IllegalArgumentException("this learner was created for " + kind + " tasks, got " + support.kind());
        }
        try (NDManager work = manager.newSubManager(); GradMode on = GradMode.enabled()) {
            NDList phi = persistedAdam == null
                    ? inner.adapt(work, params, support, config.testInnerSteps(), config.testInnerBatch(), seed ^ TEST_SEED)
                    : inner.adapt(work, params, support, config.testInnerSteps(), config.testInnerBatch(), seed ^ TEST_SEED,
                            persistedAdam.copy(work));
            NDList statistics = null;
            if (!config.transductiveBn()) {
                try (GradMode off = GradMode.disabled()) {
                    statistics = inner.network().batchStatistics(phi, inner.tensors().input(work, support));
                }
            }
            return AdaptedNetwork.of(manager, inner.network(), phi, statistics, inner.tensors());
        }
    }

    /** The initialisation's values (for tests). */
    double[][] parameterValues() {
        return FastWeights.values(params);
    }

    /**
     * The initialisation (by its network names), the meta-step count (which sets the annealed outer
     * step size) and, with a persistent inner Adam, its moments ({@code inner_adam.m.<name>},
     * {@code inner_adam.v.<name>}) and update count ({@link InnerAdamState#STEPS}); an inner Adam that
     * starts afresh for every task has no state to save.
     */
    @Override
    public LearnerState saveState() {
        checkOpen();
        LearnerState state = TrainingState.save(ReptileProvider.NAME, step, saved, null);
        if (persistedAdam == null) {
            return state;
        }
        Map<String, Long> counters = new TreeMap<>(state.counters());
        counters.put(InnerAdamState.STEPS, persistedAdam.stepCount());
        return new LearnerState(state.algorithm(), counters, state.tensors());
    }

    /** Refuses, before anything changes, a state saved with the other {@code inner_adam_state}. */
    @Override
    public void restoreState(LearnerState state) {
        checkOpen();
        long adamSteps = persistedAdam == null ? 0 : InnerAdamState.savedStepCount(state);
        step = TrainingState.restore(ReptileProvider.NAME, state, saved, null);
        if (persistedAdam != null) {
            persistedAdam.restoreStepCount(adamSteps);
        }
    }

    /** The persisted inner Adam's update count (for tests); 0 when every task starts afresh. */
    long innerAdamSteps() {
        return persistedAdam == null ? 0 : persistedAdam.stepCount();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Reptile learner is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            batches.close();
            gradients.close();
            manager.close();
        }
    }
}
