package dev.metatune.algorithms.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.metatune.task.Episode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The sum over a meta-batch of per-task contributions to a meta-update (a meta-gradient, or
 * Reptile's difference between the initial and the adapted weights), computed on
 * {@link TaskWorkers} as MAML's meta-gradient is: task {@code i} on worker {@code i mod shards},
 * each worker's tasks one after another, each task in its own sub-manager with autograd enabled and
 * freed before the next, the workers' sums added into the first's in worker order. The result
 * depends only on the inputs and the thread count.
 */
public final class MetaBatchGradient implements AutoCloseable {

    /** What one task adds: its contribution into {@code sums} (in place), and its plain numbers. */
    @FunctionalInterface
    public interface TaskGradient {
        /**
         * Adds the task's contribution into {@code sums} (one array per parameter); everything else
         * the task creates belongs in {@code task}. Called with autograd enabled.
         */
        TaskOutcome accumulate(Episode episode, NDManager task, NDList sums);
    }

    /** One task's query loss and its correct predictions out of its queries (0 of 0 for regression). */
    public record TaskOutcome(double loss, long correct, long queries) {
    }

    /** Sums over the tasks of a meta-batch, the gradient in the scope given to {@link #compute}. */
    public record Sum(NDList gradient, double loss, long correct, long queries) {
    }

    private final TaskWorkers workers;

    /** Workers for tasks on {@code device}, at most {@code maxParallel} (the meta-batch size). */
    public MetaBatchGradient(Device device, int maxParallel, String name) {
        this.workers = TaskWorkers.create(device, maxParallel, name);
    }

    /**
     * The sums over {@code batch}; the gradient sum has one array per array of {@code like} (same
     * shape and type) and lives in {@code scope}.
     */
    public Sum compute(List<Episode> batch, NDManager scope, NDList like, TaskGradient task) {
        int shards = Math.min(workers.parallelism(), batch.size());
        List<Callable<Sum>> jobs = new ArrayList<>(shards);
        for (int k = 0; k < shards; k++) {
            List<Episode> shard = new ArrayList<>();
            for (int i = k; i < batch.size(); i += shards) {
                shard.add(batch.get(i));
            }
            NDManager shardScope = scope.newSubManager();
            jobs.add(() -> shard(shard, shardScope, like, task));
        }
        List<Sum> results = workers.run(jobs);
        NDList gradSum = results.get(0).gradient();
        double lossSum = 0;
        long correct = 0;
        long queries = 0;
        for (Sum r : results.subList(1, results.size())) {
            for (int i = 0; i < gradSum.size(); i++) {
                gradSum.get(i).addi(r.gradient().get(i));
            }
        }
        for (Sum r : results) {
            lossSum += r.loss();
            correct += r.correct();
            queries += r.queries();
        }
        return new Sum(gradSum, lossSum, correct, queries);
    }

    private static Sum shard(List<Episode> episodes, NDManager scope, NDList like, TaskGradient task) {
        NDList gradSum = new NDList(like.size());
        for (NDArray p : like) {
            gradSum.add(scope.zeros(p.getShape(), p.getDataType()));
        }
        double lossSum = 0;
        long correct = 0;
        long queries = 0;
        for (Episode episode : episodes) {
            try (NDManager taskScope = scope.newSubManager(); GradMode on = GradMode.enabled()) {
                TaskOutcome o = task.accumulate(episode, taskScope, gradSum);
                lossSum += o.loss();
                correct += o.correct();
                queries += o.queries();
            }
        }
        return new Sum(gradSum, lossSum, correct, queries);
    }

    /** How many tasks are computed at once. */
    public int parallelism() {
        return workers.parallelism();
    }

    @Override
    public void close() {
        workers.close();
    }
}
