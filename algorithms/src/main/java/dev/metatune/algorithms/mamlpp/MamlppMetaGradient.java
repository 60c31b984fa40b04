package dev.metatune.algorithms.mamlpp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.metatune.algorithms.backbone.Normalization;
import dev.metatune.algorithms.training.GradMode;
import dev.metatune.algorithms.training.GradientModule;
import dev.metatune.algorithms.training.MetaBatchGradient;
import dev.metatune.algorithms.training.TaskTensors;
import dev.metatune.learner.LearnerContext;
import dev.metatune.task.Episode;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskKind;
import java.util.List;

/**
 * The MAML++ meta-gradient over a meta-batch (Antoniou, Edwards and Storkey, "How to train your
 * MAML", ICLR 2019): per task, N inner steps, step s normalising with step s's BatchNorm weights
 * (BNWB) and stepping with step s's per-layer learning rates (LSLR); the meta-loss is the weighted
 * sum of the query losses after every step (MSL; only the last when its weights say so), and its
 * gradient is taken with respect to every meta-parameter, exactly through the inner steps or with
 * the inner gradients as constants (DA's first phase; the rates still get their gradient). In
 * meta-training every batch is normalised with its own statistics (the queries with the support
 * set's when BNRS is off and {@code transductive_bn} false); with BNRS each step's support-batch
 * statistics are also summed, for the running statistics of that step. Works in float32 or float64.
 */
final class MamlppMetaGradient implements AutoCloseable {

    private final MamlppParameters params;
    private final GradientModule gradients;
    private final MetaBatchGradient batches;
    private final TaskTensors tensors;
    private final MamlppConfig config;
    private final NDList like;
    private final int metaCount;

    MamlppMetaGradient(NDManager manager, MamlppParameters params, MamlppConfig config, LearnerContext context) {
        this.params = params;
        this.config = config;
        this.tensors = new TaskTensors(params.network.get(0).getDataType(), context.kind());
        NDList all = new NDList(params.metaParameters());
        for (NDList stats : params.runningStatistics) {
            all.addAll(stats);
        }
        this.like = all;
        this.metaCount = params.metaParameters().size();
        this.gradients = new GradientModule(manager);
        try {
            this.batches = new MetaBatchGradient(context.device(), config.metaBatch(), "maml++");
        } catch (RuntimeException e) {
            gradients.close();
            throw e;
        }
    }

    TaskTensors tensors() {
        return tensors;
    }

    /** Number of leading arrays of a {@link #compute} sum that are meta-gradients (the rest: statistics sums). */
    int metaCount() {
        return metaCount;
    }

    /**
     * Sums over the batch: the meta-gradient of every meta-parameter, then (with BNRS) the support
     * batch statistics of every step and block; the weighted query losses; the final step's correct
     * query predictions.
     */
    MetaBatchGradient.Sum compute(List<Episode> batch, NDManager scope, double[] lossWeights, boolean secondOrder) {
        return batches.compute(batch, scope, like, (episode, task, sums) -> task(episode, task, sums, lossWeights, secondOrder));
    }

    private MetaBatchGradient.TaskOutcome task(Episode episode, NDManager task, NDList sums, double[] weights,
                                               boolean secondOrder) {
        NDArray xs = tensors.input(task, episode.support());
        NDArray xq = tensors.input(task, episode.query());
        NDList fast = params.initialFast();
        NDArray total = null;
        NDArray lastOutput = null;
        int n = config.innerSteps();
        for (int s = 0; s < n; s++) {
            NDList at = params.full(s, fast);
            if (!params.runningStatistics.isEmpty()) {
                try (GradMode off = GradMode.disabled()) {
                    NDList stats = params.conv().batchStatistics(at, xs);
                    for (int k = 0; k < stats.size(); k++) {
                        sums.get(metaCount + s * stats.size() + k).addi(stats.get(k));
                    }
                }
            }
            NDArray loss = tensors.loss(params.conv().forward(at, xs, Normalization.batch()), episode.support());
            fast = gradients.step(loss, fast, params.rates(s), secondOrder);
            if (weights[s] > 0) {
                NDList after = params.full(s, fast);
                NDArray out = params.conv().forward(after, xq, queryNormalization(after, xs));
                NDArray weighted = tensors.loss(out, episode.query())
                        .mul(tensors.constant(task, new double[] {weights[s]}, new Shape()));
                total = total == null ? weighted : total.add(weighted);
                lastOutput = out;
            }
        }
        gradients.accumulate(total, params.metaParameters(), sums.subNDList(0, metaCount));
        long correct = 0;
        long queries = 0;
        if (tensors.kind() == TaskKind.CLASSIFICATION && lastOutput != null) {
            correct = TaskTensors.correct(lastOutput, episode.query().labels());
            queries = episode.query().count();
        }
        return new MetaBatchGradient.TaskOutcome(TaskTensors.value(total), correct, queries);
    }

    private Normalization queryNormalization(NDList at, NDArray xs) {
        if (config.transductiveBn() || !params.runningStatistics.isEmpty()) {
            return Normalization.batch();
        }
        return Normalization.fixed(params.conv().batchStatistics(at, xs));
    }

    /**
     * Test-time adaptation: {@code steps} first-order inner steps (per-step sets past N reuse the
     * last), normalising with the running statistics of each step when BNRS collected them, else
     * with batch statistics. Returns the full parameters of the final step; call with autograd on.
     */
    NDList adapt(NDArray xs, Examples support, int steps) {
        NDList fast = params.initialFast();
        for (int s = 0; s < steps; s++) {
            int k = config.stepIndex(s);
            NDList at = params.full(k, fast);
            Normalization norm = params.runningStatistics.isEmpty()
                    ? Normalization.batch() : Normalization.fixed(params.runningStatistics.get(k));
            NDArray loss = tensors.loss(params.conv().forward(at, xs, norm), support);
            fast = gradients.step(loss, fast, params.rates(k), false);
        }
        return params.full(config.stepIndex(Math.max(steps - 1, 0)), fast);
    }

    @Override
    public void close() {
        batches.close();
        gradients.close();
    }
}
