package dev.metatune.algorithms.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.metatune.algorithms.training.GradMode;
import dev.metatune.algorithms.training.GradientModule;
import dev.metatune.algorithms.training.GraphScalars;
import java.util.List;

/**
 * The meta-objective of MAML for reinforcement learning (Finn, Abbeel and Levine, ICML 2017, section
 * 3.2 and 5.3) as a function of the meta-parameters theta: each task's policy is adapted with
 * vanilla policy-gradient steps (REINFORCE with the linear feature baseline, loss
 * -mean(log pi(a|s) * advantage) over the support trajectories of that step, step size
 * {@code inner_lr}), and scored on its query trajectories with the importance-sampled surrogate
 * -mean(pi_theta'(a|s) / pi_old(a|s) * advantage) of TRPO (Schulman et al., ICML 2015), whose
 * gradient at theta = theta_old is the policy gradient of the adapted policy, together with the mean
 * KL(pi_old || pi_theta') over the query states, the trust region's constraint. With
 * {@code secondOrder} the inner gradients keep their graph, so the meta-gradient (and the
 * Fisher-vector products of the KL) differentiate through the inner steps exactly; otherwise the
 * inner gradients are constants (first-order MAML). With no support samples the objective is the
 * plain TRPO objective of one policy over all tasks (the pretrained baseline).
 */
public final class AdaptationObjective {

    private final GaussianPolicy policy;
    private final GradientModule gradients;

    public AdaptationObjective(GaussianPolicy policy, GradientModule gradients) {
        this.policy = policy;
        this.gradients = gradients;
    }

    /** The meta-objective's value and constraint at some meta-parameters: scalars on the device. */
    public record Evaluation(NDArray surrogateLoss, NDArray kl) {
    }

    /** The vanilla policy-gradient loss -mean(log pi(a|s) * advantage) of {@code samples} at {@code params}. */
    public NDArray innerLoss(NDList params, TaskSamples samples) {
        return policy.logProbability(params, samples.observations(), samples.actions()).mul(samples.advantages())
                .mean().neg();
    }

    /**
     * {@code params} after one inner step on each of {@code supports} in turn, each step
     * p - lr * d loss / d p ({@code lrs}: one learning-rate array per parameter); with
     * {@code createGraph} differentiable through the gradients. Needs autograd enabled.
     */
    public NDList adapt(NDList params, List<TaskSamples> supports, NDList lrs, boolean createGraph) {
        NDList fast = params;
        for (TaskSamples support : supports) {
            fast = gradients.step(innerLoss(fast, support), fast, lrs, createGraph);
        }
        return fast;
    }

    /**
     * The mean over tasks of the surrogate loss and of the KL divergence, as functions of
     * {@code theta}; with {@code secondOrder} differentiable through the inner steps.
     */
    public Evaluation evaluate(NDList theta, List<TaskData> tasks, NDList lrs, boolean secondOrder) {
        return evaluate(theta, tasks, lrs, secondOrder, null);
    }

    /**
     * As {@link #evaluate(NDList, List, NDList, boolean)}, with what it computes in {@code into} (null:
     * in the manager of the tasks' samples): the tasks' arrays are attached to {@code into} until it
     * closes, so results computed from them land there and go with it.
     */
    public Evaluation evaluate(NDList theta, List<TaskData> tasks, NDList lrs, boolean secondOrder, NDManager into) {
        if (into != null) {
            for (TaskData task : tasks) {
                for (NDArray a : arrays(task)) {
                    if (a.getManager() != into) {
                        a.tempAttach(into);
                    }
                }
            }
        }
        try (GradMode on = GradMode.enabled()) {
            NDArray loss = null;
            NDArray kl = null;
            for (TaskData task : tasks) {
                NDList fast = adapt(theta, task.supports(), lrs, secondOrder);
                TaskSamples q = task.query();
                NDArray ratio = policy.logProbability(fast, q.observations(), q.actions()).sub(task.oldLogProbability()).exp();
                NDArray taskLoss = ratio.mul(q.advantages()).mean().neg();
                NDArray taskKl = policy.klFrom(task.oldMean(), task.oldLogStd(), fast, q.observations()).mean();
                loss = loss == null ? taskLoss : loss.add(taskLoss);
                kl = kl == null ? taskKl : kl.add(taskKl);
            }
            // the divisor owns its memory: autograd saves it (see GraphScalars)
            NDArray count = GraphScalars.of(loss.getManager(), tasks.size(), loss.getDataType());
            return new Evaluation(loss.div(count), kl.div(count));
        }
    }

    private static List<NDArray> arrays(TaskData task) {
        List<NDArray> out = new java.util.ArrayList<>();
        for (TaskSamples s : task.supports()) {
            out.add(s.observations());
            out.add(s.actions());
            out.add(s.advantages());
        }
        TaskSamples q = task.query();
        out.addAll(List.of(q.observations(), q.actions(), q.advantages(), task.oldLogProbability(), task.oldMean(),
                task.oldLogStd()));
        return out;
    }

    /**
     * PPO's clipped surrogate (Schulman et al. 2017) of the adapted policies, averaged over tasks:
     * -mean(min(r A, clip(r, 1 - clip, 1 + clip) A)) with r = pi_theta'(a|s) / pi_old(a|s) on each
     * task's query, theta' adapted from {@code theta} with the inner gradients as constants (first
     * order), so its gradient in theta is the first-order meta-gradient of the clipped objective.
     */
    public NDArray clippedSurrogate(NDList theta, List<TaskData> tasks, NDList lrs, double clip) {
        try (GradMode on = GradMode.enabled()) {
            NDArray loss = null;
            for (TaskData task : tasks) {
                NDList fast = adapt(theta, task.supports(), lrs, false);
                TaskSamples q = task.query();
                NDArray ratio = policy.logProbability(fast, q.observations(), q.actions()).sub(task.oldLogProbability()).exp();
                NDArray unclipped = ratio.mul(q.advantages());
                NDArray clipped = ratio.clip(1 - clip, 1 + clip).mul(q.advantages());
                NDArray taskLoss = unclipped.minimum(clipped).mean().neg();
                loss = loss == null ? taskLoss : loss.add(taskLoss);
            }
            // the divisor owns its memory: autograd saves it (see GraphScalars)
            return loss.div(GraphScalars.of(loss.getManager(), tasks.size(), loss.getDataType()));
        }
    }
}
