package dev.metatune.algorithms.maml;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.metatune.algorithms.backbone.FunctionalNetwork;
import dev.metatune.algorithms.training.GradMode;
import dev.metatune.algorithms.training.GradientModule;
import dev.metatune.algorithms.training.TaskWorkers;
import dev.metatune.learner.LearnerContext;
import dev.metatune.task.Episode;
import dev.metatune.task.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The meta-gradient of MAML's query loss over a meta-batch at the current meta-parameters (Finn,
 * Abbeel and Levine, ICML 2017), as every meta-training step computes it: each task adapted with
 * {@code inner_steps} SGD steps on its support loss, its query loss evaluated at the fast weights and
 * differentiated either through the inner loop (exact, second order, via {@link GradientModule}) or
 * at the fast weights with the inner gradients as constants (first order; Nichol, Achiam and
 * Schulman 2018).
 *
 * <p>The tasks are split over {@link TaskWorkers} (as many as the engine has threads, at most the
 * meta-batch size), task {@code i} to worker {@code i mod shards}; each worker computes its tasks one
 * after another, each task's graph freed before the next, and the workers' gradient sums are added
 * into the first's in worker order, so the result depends only on the inputs and the thread count.
 * Works in any floating data type of the meta-parameters (float32 for training, float64 for gradient
 * checks). Holds the gradient module and the workers; the meta-parameters belong to the caller.
 */
final class MetaGradient implements AutoCloseable {

    private final NDList params;
    private final InnerLoop inner;
    private final TaskWorkers workers;
    private final int innerSteps;
    private final TaskKind kind;

    /**
     * The meta-gradient of {@code network} at {@code params} (which require gradients and live in
     * {@code manager}) for the settings of {@code config}; the module and constants live in
     * {@code manager}.
     */
    MetaGradient(NDManager manager, FunctionalNetwork network, NDList params, MamlConfig config, LearnerContext context) {
        this.params = params;
        this.innerSteps = config.innerSteps();
        this.kind = context.kind();
        DataType dataType = params.get(0).getDataType();
        NDArray lr = manager.create(config.innerLr()).toType(dataType, false);
        GradientModule gradients = new GradientModule(manager);
        try {
            this.inner = new InnerLoop(network, gradients, lr, dataType, kind, config.transductiveBn());
            this.workers = TaskWorkers.create(context.device(), config.metaBatch(), "maml");
        } catch (RuntimeException e) {
            gradients.close();
            throw e;
        }
    }

    /** The per-task computations (shared with test-time adaptation). */
    InnerLoop inner() {
        return inner;
    }

    /**
     * The sum over {@code batch} of the tasks' meta-gradients (one array per meta-parameter, in
     * {@code scope}), of their query losses, and of their correct query predictions (classification).
     * Exact second order when {@code secondOrder}, first order otherwise.
     */
    Sum compute(List<Episode> batch, NDManager scope, boolean secondOrder) {
        int shards = Math.min(workers.parallelism(), batch.size());
        List<Callable<Sum>> jobs = new ArrayList<>(shards);
        for (int k = 0; k < shards; k++) {
            List<Episode> shard = new ArrayList<>();
            for (int i = k; i < batch.size(); i += shards) {
                shard.add(batch.get(i));
            }
            NDManager shardScope = scope.newSubManager();
            jobs.add(() -> shard(shard, shardScope, secondOrder));
        }
        List<Sum> results = workers.run(jobs);
        // the other workers' sums are added into the first's, in worker order
        NDList gradSum = results.get(0).gradient();
        NDArray totals = results.get(0).totals();
        long queries = 0;
        for (Sum r : results.subList(1, results.size())) {
            for (int i = 0; i < gradSum.size(); i++) {
                gradSum.get(i).addi(r.gradient().get(i));
            }
            totals.addi(r.totals());
        }
        for (Sum r : results) {
            queries += r.queries();
        }
        return new Sum(gradSum, totals, queries);
    }

    /**
     * Sums over some tasks of a meta-batch: the meta-gradient, and {@code totals} (float64 {@code [2]},
     * kept on the device: the summed query loss and the correct predictions) out of {@code queries}
     * queries (0 of 0 for regression).
     */
    record Sum(NDList gradient, NDArray totals, long queries) {

        /** The totals read to the host, one read: {loss sum, correct predictions}. */
        double[] readTotals() {
            return totals.toDoubleArray();
        }
    }

    /**
     * Adapts to each episode in turn and adds its meta-gradient into a sum held in {@code scope};
     * each task's graph is freed before the next. Runs on a task worker's thread or the caller's.
     */
    private Sum shard(List<Episode> episodes, NDManager scope, boolean secondOrder) {
        NDList gradSum = new NDList(params.size());
        for (NDArray p : params) {
            gradSum.add(scope.zeros(p.getShape(), p.getDataType()));
        }
        NDArray totals = scope.zeros(new Shape(2), DataType.FLOAT64);
        long queries = 0;
        for (Episode episode : episodes) {
            try (NDManager task = scope.newSubManager(); GradMode on = GradMode.enabled()) {
                NDArray xs = inner.input(task, episode.support());
                NDArray xq = inner.input(task, episode.query());
                NDList fast = inner.adapt(params, xs, episode.support(), innerSteps, secondOrder);
                NDArray out = inner.queryOutput(fast, xq, xs);
                NDArray loss = inner.loss(out, episode.query());
                // the exact meta-gradient is taken with respect to the meta-parameters through the
                // inner loop; the first-order one at the fast weights, which the first-order inner
                // loop makes leaves without history
                inner.gradients().accumulate(loss, secondOrder ? params : fast, gradSum);
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
                totals.addi(taskLoss.concat(taskCorrect));
            }
        }
        return new Sum(gradSum, totals, queries);
    }

    @Override
    public void close() {
        workers.close();
        inner.gradients().close();
    }
}
