package dev.metatune.algorithms.anil;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.metatune.algorithms.backbone.Normalization;
import dev.metatune.algorithms.training.GradientModule;
import dev.metatune.algorithms.training.MetaBatchGradient;
import dev.metatune.algorithms.training.TaskTensors;
import dev.metatune.learner.LearnerContext;
import dev.metatune.task.Episode;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskKind;
import java.util.List;

/**
 * ANIL's meta-gradient over a meta-batch (Raghu et al., ICLR 2020): per task the body's features of
 * the support and query sets are computed once, the head alone takes {@code inner_steps} SGD steps
 * on the support loss, and the query loss at (body, adapted head) is differentiated with respect to
 * every meta-parameter: through the head's inner steps (exact, second order; the inner gradients
 * depend on the body through the support features) or with the head's inner gradients as constants
 * (first order: the query-loss gradient at the adapted head, and the body's gradient through the
 * query features only). Works in float32 or float64; the meta-parameters belong to the caller.
 */
final class AnilMetaGradient implements AutoCloseable {

    private final AnilNetwork network;
    private final NDList params;
    private final GradientModule gradients;
    private final MetaBatchGradient batches;
    private final TaskTensors tensors;
    private final NDArray innerLr;
    private final int innerSteps;
    private final boolean transductiveBn;

    AnilMetaGradient(NDManager manager, AnilNetwork network, NDList params, AnilConfig config, LearnerContext context) {
        this.network = network;
        this.params = params;
        this.innerSteps = config.innerSteps();
        this.transductiveBn = config.transductiveBn();
        this.tensors = new TaskTensors(params.get(0).getDataType(), context.kind());
        this.innerLr = tensors.constant(manager, new double[] {config.innerLr()}, new ai.djl.ndarray.types.Shape());
        this.gradients = new GradientModule(manager);
        try {
            this.batches = new MetaBatchGradient(context.device(), config.metaBatch(), "anil");
        } catch (RuntimeException e) {
            gradients.close();
            throw e;
        }
    }

    AnilNetwork network() {
        return network;
    }

    TaskTensors tensors() {
        return tensors;
    }

    /** The sums of the tasks' meta-gradients (in {@code scope}), query losses and correct predictions. */
    MetaBatchGradient.Sum compute(List<Episode> batch, NDManager scope, boolean secondOrder) {
        return batches.compute(batch, scope, params, (episode, task, sums) -> task(episode, task, sums, secondOrder));
    }

    private MetaBatchGradient.TaskOutcome task(Episode episode, NDManager task, NDList sums, boolean secondOrder) {
        NDList body = network.body(params);
        NDArray xs = tensors.input(task, episode.support());
        NDArray xq = tensors.input(task, episode.query());
        NDArray fs = network.features(body, xs, Normalization.batch());
        NDArray fq = network.features(body, xq, queryNormalization(body, xs));
        NDList head = adaptHead(network.head(params), fs, episode.support(), innerSteps, secondOrder);
        NDArray out = network.headOutput(head, fq);
        NDArray loss = tensors.loss(out, episode.query());
        // exact: with respect to the meta-parameters through the head's steps; first order: the
        // first-order steps make the adapted head new leaves, so the gradient is taken at them
        NDList wrt = secondOrder ? params : new NDList(body).addAll(head);
        gradients.accumulate(loss, wrt, sums);
        long correct = 0;
        long queries = 0;
        if (tensors.kind() == TaskKind.CLASSIFICATION) {
            correct = TaskTensors.correct(out, episode.query().labels());
            queries = episode.query().count();
        }
        return new MetaBatchGradient.TaskOutcome(TaskTensors.value(loss), correct, queries);
    }

    /** BatchNorm of the query batch: its own statistics, or the support set's at the same body. */
    Normalization queryNormalization(NDList body, NDArray xs) {
        return transductiveBn ? Normalization.batch() : Normalization.fixed(network.bodyStatistics(body, xs));
    }

    boolean transductiveBn() {
        return transductiveBn;
    }

    /**
     * {@code steps} SGD steps of the head from {@code start} on the support features; call with
     * autograd on. Second order: differentiable back to {@code start} and the features; first order:
     * new leaves without history.
     */
    NDList adaptHead(NDList start, NDArray supportFeatures, Examples support, int steps, boolean secondOrder) {
        NDList head = start;
        for (int s = 0; s < steps; s++) {
            NDArray loss = tensors.loss(network.headOutput(head, supportFeatures), support);
            head = gradients.sgdStep(loss, head, innerLr, secondOrder);
        }
        return head;
    }

    @Override
    public void close() {
        batches.close();
        gradients.close();
    }
}
