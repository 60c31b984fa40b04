package dev.metatune.algorithms.metasgd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.metatune.algorithms.backbone.FunctionalNetwork;
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
 * Meta-SGD's meta-gradient over a meta-batch (Li, Zhou, Chen and Li, "Meta-SGD: Learning to Learn
 * Quickly for Few-Shot Learning", 2017): per task the fast weights are
 * {@code theta - alpha * grad L_support(theta)} (element-wise; {@code alpha} has the shape of
 * {@code theta}), repeated {@code inner_steps} times with the same rates, and the query loss at them
 * is differentiated with respect to the initialisation {@code theta} and the rates {@code alpha}:
 * exactly (second order through the inner gradients) or with the inner gradients as constants. The
 * gradient sum has one array per initialisation tensor, then one per rate tensor. Works in float32
 * or float64; the arrays belong to the caller.
 */
final class MetaSgdMetaGradient implements AutoCloseable {

    private final FunctionalNetwork network;
    private final NDList theta;
    private final NDList alpha;
    private final NDList all;
    private final GradientModule gradients;
    private final MetaBatchGradient batches;
    private final TaskTensors tensors;
    private final int innerSteps;
    private final boolean transductiveBn;

    MetaSgdMetaGradient(NDManager manager, FunctionalNetwork network, NDList theta, NDList alpha, MetaSgdConfig config,
                        LearnerContext context) {
        if (theta.size() != alpha.size()) {
            throw new IllegalArgumentException(theta.size() + " weights but " + alpha.size() + " learning-rate arrays");
        }
        this.network = network;
        this.theta = theta;
        this.alpha = alpha;
        this.all = new NDList(theta).addAll(alpha);
        this.innerSteps = config.innerSteps();
        this.transductiveBn = config.transductiveBn();
        this.tensors = new TaskTensors(theta.get(0).getDataType(), context.kind());
        this.gradients = new GradientModule(manager);
        try {
            this.batches = new MetaBatchGradient(context.device(), config.metaBatch(), "metasgd");
        } catch (RuntimeException e) {
            gradients.close();
            throw e;
        }
    }

    FunctionalNetwork network() {
        return network;
    }

    TaskTensors tensors() {
        return tensors;
    }

    boolean transductiveBn() {
        return transductiveBn;
    }

    /** The sums of the tasks' meta-gradients (initialisation then rates, in {@code scope}), losses and correct predictions. */
    MetaBatchGradient.Sum compute(List<Episode> batch, NDManager scope, boolean secondOrder) {
        return batches.compute(batch, scope, all, (episode, task, sums) -> {
            NDArray xs = tensors.input(task, episode.support());
            NDArray xq = tensors.input(task, episode.query());
            NDList fast = adapt(xs, episode.support(), innerSteps, secondOrder);
            NDArray out = transductiveBn
                    ? network.forward(fast, xq, Normalization.batch())
                    : network.forward(fast, xq, Normalization.fixed(network.batchStatistics(fast, xs)));
            NDArray loss = tensors.loss(out, episode.query());
            gradients.accumulate(loss, all, sums);
            long correct = 0;
            long queries = 0;
            if (tensors.kind() == TaskKind.CLASSIFICATION) {
                correct = TaskTensors.correct(out, episode.query().labels());
                queries = episode.query().count();
            }
            return new MetaBatchGradient.TaskOutcome(TaskTensors.value(loss), correct, queries);
        });
    }

    /**
     * {@code steps} steps {@code w - alpha * grad} from the initialisation on the support batch
     * {@code xs}; call with autograd on. The result is differentiable in theta and alpha (through
     * the gradients too when {@code secondOrder}) and lands in {@code xs}'s manager.
     */
    NDList adapt(NDArray xs, Examples support, int steps, boolean secondOrder) {
        NDList fast = theta;
        for (int s = 0; s < steps; s++) {
            NDArray loss = tensors.loss(network.forward(fast, xs, Normalization.batch()), support);
            fast = gradients.step(loss, fast, alpha, secondOrder);
        }
        return fast;
    }

    @Override
    public void close() {
        batches.close();
        gradients.close();
    }
}
