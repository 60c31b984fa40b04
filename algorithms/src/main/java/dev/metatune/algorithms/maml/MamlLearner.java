package dev.metatune.algorithms.maml;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.metatune.algorithms.backbone.Conv4;
import dev.metatune.algorithms.backbone.FastWeights;
import dev.metatune.algorithms.backbone.FunctionalNetwork;
import dev.metatune.algorithms.backbone.Mlp;
import dev.metatune.algorithms.training.AdamUpdater;
import dev.metatune.algorithms.training.NamedParameter;
import dev.metatune.algorithms.training.TaskWorkers;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.MetaLearner;
import dev.metatune.learner.StepResult;
import dev.metatune.task.Episode;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Model-Agnostic Meta-Learning (Finn, Abbeel and Levine, "Model-Agnostic Meta-Learning for Fast
 * Adaptation of Deep Networks", ICML 2017) and its first-order approximation (Finn et al. 2017,
 * section 5.2; Nichol, Achiam and Schulman, "On First-Order Meta-Learning Algorithms", 2018).
 *
 * <p>A meta-training step adapts a copy of the meta-parameters to each task of the meta-batch with
 * {@code inner_steps} SGD steps on its support loss, evaluates the adapted (fast) weights on the
 * task's query set, and updates the meta-parameters with Adam on the mean query loss. The exact
 * meta-gradient differentiates through the inner gradients (second order, via
 * {@link GradientModule}); {@code fomaml} treats them as constants; {@code first_order_until_step}
 * anneals from the first to the second order. On CPU the tasks of a meta-batch are split over
 * {@link TaskWorkers} (as many as the engine has threads), each computing its tasks one after
 * another single-threaded, each task's graph freed before the next; the per-worker gradient sums
 * are added in worker order, so a step's numbers depend only on the seed and the thread count.
 *
 * <p>Memory: a base manager on the context's device owns the meta-parameters, Adam's moments and the
 * gradient module and task workers; each meta-step opens a sub-manager, in it one sub-manager per
 * worker's share of the tasks for its gradient sum, and each task a sub-manager of that for
 * everything the task computes. The gradients are never stored in
 * {@code .grad}, so nothing outlives its scope.
 */
public final class MamlLearner implements MetaLearner {

    private final MamlConfig config;
    private final TaskKind kind;
    private final NDManager manager;
    private final NDList params;
    private final AdamUpdater adam;
    private final InnerLoop inner;
    private final TaskWorkers workers;
    private long step;
    private boolean closed;

    /** A learner for {@code context}: Conv-4 for classification, the 40-40 MLP for regression. */
    public MamlLearner(MamlConfig config, LearnerContext context) {
        this(config, context, network(config, context), DataType.FLOAT32);
    }

    /** A learner over any functional network and data type (float64 for gradient checks). */
    MamlLearner(MamlConfig config, LearnerContext context, FunctionalNetwork network, DataType dataType) {
        this.config = config;
        this.kind = context.kind();
        this.manager = NDManager.newBaseManager(context.device(), "PyTorch");
        try {
            this.params = FastWeights.initial(manager, network, context.seed(), dataType);
            for (NDArray p : params) {
                p.setRequiresGradient(true);
            }
            List<NamedParameter> named = new ArrayList<>(params.size());
            for (int i = 0; i < params.size(); i++) {
                named.add(new NamedParameter(network.parameters().get(i).name(), params.get(i)));
            }
            this.adam = new AdamUpdater(manager, named);
            NDArray lr = manager.create(config.innerLr()).toType(dataType, false);
            GradientModule gradients = new GradientModule(manager);
            this.inner = new InnerLoop(network, gradients, lr, dataType, kind, config.transductiveBn());
            this.workers = TaskWorkers.create(context.device(), config.metaBatch(), "maml");
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    static FunctionalNetwork network(MamlConfig config, LearnerContext context) {
        int[] shape = context.exampleShape();
        if (context.kind() == TaskKind.REGRESSION) {
            int inputs = 1;
            for (int d : shape) {
                inputs *= d;
            }
            return new Mlp(inputs, new int[] {config.hidden(), config.hidden()}, 1);
        }
        if (context.trainSpec().ways() != context.testSpec().ways()) {
            throw new IllegalArgumentException("MAML's head has one output per way: train ways "
                    + context.trainSpec().ways() + " and test ways " + context.testSpec().ways() + " must be equal");
        }
        if (shape.length != 3) {
            throw new IllegalArgumentException("Conv-4 needs images of shape {channels, height, width}, got "
                    + java.util.Arrays.toString(shape));
        }
        return new Conv4(config.convVariant(), shape[0], shape[1], shape[2], config.filters(), context.trainSpec().ways());
    }

    public MamlConfig config() {
        return config;
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

    /** Meta-steps taken so far. */
    public long steps() {
        return step;
    }

    @Override
    public StepResult metaTrainStep(List<Episode> batch) {
        checkOpen();
        checkBatch(batch);
        boolean secondOrder = config.secondOrderAt(step);
        int shards = Math.min(workers.parallelism(), batch.size());
        long queries = 0;
        double[] totals;
        try (NDManager batchScope = manager.newSubManager()) {
            List<Callable<ShardResult>> jobs = new ArrayList<>(shards);
            for (int k = 0; k < shards; k++) {
                List<Episode> shard = new ArrayList<>();
                for (int i = k; i < batch.size(); i += shards) {
                    shard.add(batch.get(i));
                }
                NDManager shardScope = batchScope.newSubManager();
                jobs.add(() -> trainShard(shard, shardScope, secondOrder));
            }
            List<ShardResult> results = workers.run(jobs);
            // the other workers' sums are added into the first's, in worker order
            NDList gradSum = results.get(0).gradSum();
            NDArray sums = results.get(0).sums();
            for (ShardResult r : results.subList(1, results.size())) {
                for (int i = 0; i < gradSum.size(); i++) {
                    gradSum.get(i).addi(r.gradSum().get(i));
                }
                sums.addi(r.sums());
            }
            for (ShardResult r : results) {
                queries += r.queries();
            }
            adam.step(config.outerLr(), gradSum, 1.0 / batch.size());
            totals = sums.toDoubleArray(); // the step's one host read: {loss sum, correct predictions}
        }
        step++;
        double accuracy = kind == TaskKind.CLASSIFICATION ? totals[1] / queries : Double.NaN;
        return new StepResult(totals[0] / batch.size(), accuracy);
    }

    /**
     * The summed meta-gradient of some tasks of a meta-batch, their summed loss and correct predictions
     * ({@code sums}, float64 {@code [2]}, kept on the device) and their query count.
     */
    private record ShardResult(NDList gradSum, NDArray sums, long queries) {
    }

    /**
     * Adapts to each episode in turn and adds its meta-gradient into a sum held in {@code scope};
     * each task's graph is freed before the next. Runs on a task worker's thread or the caller's.
     */
    private ShardResult trainShard(List<Episode> episodes, NDManager scope, boolean secondOrder) {
        NDList gradSum = new NDList(params.size());
        for (NDArray p : params) {
            gradSum.add(scope.zeros(p.getShape(), p.getDataType()));
        }
        NDArray sums = scope.zeros(new Shape(2), DataType.FLOAT64);
        long queries = 0;
        for (Episode episode : episodes) {
            try (NDManager task = scope.newSubManager(); GradMode on = GradMode.enabled()) {
                NDArray xs = inner.input(task, episode.support());
                NDArray xq = inner.input(task, episode.query());
                NDList fast = inner.adapt(params, xs, episode.support(), config.innerSteps(), secondOrder);
                NDArray out = inner.queryOutput(fast, xq, xs);
                NDArray loss = inner.loss(out, episode.query());
                inner.gradients().accumulate(loss, metaGradientTarget(fast, secondOrder), gradSum);
                // loss and correct predictions summed on the device: no host read per task
                NDArray taskLoss = loss.stopGradient().toType(DataType.FLOAT64, false).reshape(1);
                NDArray taskCorrect;
                if (kind == TaskKind.CLASSIFICATION) {
                    NDArray labels = task.create(episode.query().labels()).toType(DataType.INT64, false);
                    taskCorrect = out.argMax(1).eq(labels).toType(DataType.FLOAT64, false).sum().reshape(1);
                    queries += episode.query().count();
                } else {
                    taskCorrect = task.zeros(new Shape(1), DataType.FLOAT64);
                }
                sums.addi(taskLoss.concat(taskCorrect));
            }
        }
        return new ShardResult(gradSum, sums, queries);
    }

    @Override
    public AdaptedModel adapt(Examples support) {
        checkOpen();
        if (support.kind() != kind) {
            throw new IllegalArgumentException("this learner was created for " + kind + " tasks, got " + support.kind());
        }
        return new MamlAdaptedModel(manager, inner, params, support, config.testInnerSteps(), kind);
    }

    /** The meta-parameters' current values (row-major, one array per parameter). */
    public double[][] parameterValues() {
        checkOpen();
        return FastWeights.values(params);
    }

    /**
     * The meta-gradient of the mean query loss over {@code batch} at the current meta-parameters,
     * without updating them: exact second order unless {@code firstOrder}. For gradient checks.
     */
    double[][] metaGradient(List<Episode> batch, boolean firstOrder) {
        return gradient(batch, !firstOrder, config.innerSteps());
    }

    /** The mean query loss over {@code batch} after {@code config.innerSteps()} inner steps. */
    double metaLoss(List<Episode> batch) {
        double sum = 0;
        for (Episode episode : batch) {
            try (NDManager task = manager.newSubManager(); GradMode on = GradMode.enabled()) {
                NDArray xs = inner.input(task, episode.support());
                NDList fast = inner.adapt(params, xs, episode.support(), config.innerSteps(), false);
                NDArray loss = inner.loss(inner.queryOutput(fast, inner.input(task, episode.query()), xs), episode.query());
                sum += loss.toType(DataType.FLOAT64, false).getDouble();
            }
        }
        return sum / batch.size();
    }

    /** Gradient of the mean query loss with {@code innerSteps} inner steps (0: the plain query-loss gradient). */
    double[][] gradient(List<Episode> batch, boolean secondOrder, int innerSteps) {
        checkOpen();
        double[][] sum = null;
        for (Episode episode : batch) {
            try (NDManager task = manager.newSubManager(); GradMode on = GradMode.enabled()) {
                NDArray xs = inner.input(task, episode.support());
                NDList fast = inner.adapt(params, xs, episode.support(), innerSteps, secondOrder);
                NDArray loss = inner.loss(inner.queryOutput(fast, inner.input(task, episode.query()), xs), episode.query());
                double[][] g = FastWeights.values(inner.gradients().gradients(loss, metaGradientTarget(fast, secondOrder), false));
                if (sum == null) {
                    sum = g;
                } else {
                    for (int i = 0; i < g.length; i++) {
                        for (int j = 0; j < g[i].length; j++) {
                            sum[i][j] += g[i][j];
                        }
                    }
                }
            }
        }
        for (double[] row : sum) {
            for (int j = 0; j < row.length; j++) {
                row[j] /= batch.size();
            }
        }
        return sum;
    }

    /**
     * What the query loss is differentiated with respect to for the meta-gradient: the
     * meta-parameters through the inner loop (second order), or the adapted weights themselves,
     * which the first-order inner loop makes leaves (the first-order meta-gradient is the gradient
     * at the adapted weights; with no inner step they are the meta-parameters).
     */
    private NDList metaGradientTarget(NDList fast, boolean secondOrder) {
        return secondOrder ? params : fast;
    }

    /** Overwrites the meta-parameters (for gradient checks). */
    void setParameterValues(double[][] values) {
        checkOpen();
        try (GradMode off = GradMode.disabled(); NDManager scratch = manager.newSubManager()) {
            NDList fresh = FastWeights.create(scratch, inner.network().parameters(), values, params.get(0).getDataType());
            for (int i = 0; i < params.size(); i++) {
                // in place through tensor operations: no Java buffer is wrapped
                params.get(i).muli(0).addi(fresh.get(i));
            }
        }
    }

    private void checkBatch(List<Episode> batch) {
        if (batch == null || batch.isEmpty()) {
            throw new IllegalArgumentException("a meta-batch needs at least one episode");
        }
        for (Episode e : batch) {
            if (e.kind() != kind) {
                throw new IllegalArgumentException("this learner was created for " + kind + " tasks, got " + e);
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this MAML learner is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            workers.close();
            inner.gradients().close();
            manager.close();
        }
    }
}
