package dev.metatune.algorithms.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.metatune.algorithms.backbone.FastWeights;
import dev.metatune.algorithms.training.AdamUpdater;
import dev.metatune.algorithms.training.GradMode;
import dev.metatune.algorithms.training.GradientModule;
import dev.metatune.algorithms.training.GraphScalars;
import dev.metatune.algorithms.training.NamedParameter;
import dev.metatune.algorithms.training.TrainingState;
import dev.metatune.learner.AdaptedModel;
import dev.metatune.learner.LearnerContext;
import dev.metatune.learner.LearnerState;
import dev.metatune.learner.ReinforcementLearner;
import dev.metatune.learner.StepResult;
import dev.metatune.task.EnvironmentTask;
import dev.metatune.task.Episode;
import dev.metatune.task.Examples;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Meta-reinforcement learning with a Gaussian MLP policy (Finn, Abbeel and Levine, "Model-Agnostic
 * Meta-Learning for Fast Adaptation of Deep Networks", ICML 2017, section 5.3): MAML when
 * {@code innerSteps >= 1}, the paper's "pretrained" baseline (one policy trained on all tasks
 * jointly, then fine-tuned) when 0, and its "random" baseline (no meta-training) with
 * {@link OuterStep#NONE}.
 *
 * <p>A meta-step rolls out {@code shots} trajectories in every task of the meta-batch with the
 * current policy ({@link Rollouts}: all tasks' agents stepped together on the device), adapts each
 * task's copy with a vanilla policy-gradient step ({@link AdaptationObjective}), repeats for each
 * inner step, rolls out {@code queries} trajectories with the adapted policies, and updates the
 * meta-parameters with TRPO on the meta-objective ({@link TrustRegionUpdate}), differentiating
 * exactly through the inner steps unless first order, or with the first-order PPO-style step
 * ({@link ClippedSurrogateUpdate}, {@link OuterStep#PPO}), or with Reptile's step toward the adapted
 * parameters ({@link OuterStep#REPTILE}). The reported loss is minus the average return of the query
 * trajectories (before the update).
 *
 * <p>At test ({@link #adaptationReturns}) each task's policy is adapted with {@code test steps}
 * policy-gradient steps of {@code shots} trajectories each, and after 0, 1, ... steps the average
 * return of {@code queries} fresh trajectories is measured, the curve of the paper's figure 4.
 *
 * <p>Memory: a base manager on the context's device owns the policy's parameters and the gradient
 * module; every meta-step and every evaluation opens a sub-manager for all it computes.
 */
public final class PolicyMetaLearner implements ReinforcementLearner {

    /** Conjugate-gradient iterations of the TRPO step (rllab's default). */
    static final int CG_ITERATIONS = 10;
    /** Damping added to the Fisher-vector products (rllab's reg_coeff). */
    static final double CG_DAMPING = 1e-5;

    private final PolicyLearnerConfig config;
    private final TaskSpec trainSpec;
    private final TaskSpec testSpec;
    private final GaussianPolicy policy;
    private final NDManager manager;
    private final NDList params;
    private final List<NamedParameter> named;
    private final GradientModule gradients;
    private final AdaptationObjective objective;
    private final Rollouts rollouts;
    private final TrustRegionUpdate trpo;
    /** The PPO-style step's Adam moments; null with another outer step. */
    private final AdamUpdater adam;
    private final ClippedSurrogateUpdate ppo;
    private long step;
    private boolean closed;

    public PolicyMetaLearner(PolicyLearnerConfig config, LearnerContext context) {
        if (context.kind() != TaskKind.REINFORCEMENT) {
            throw new IllegalArgumentException("a policy learner learns reinforcement-learning tasks, not " + context.kind());
        }
        int[] shape = context.exampleShape();
        if (shape.length != 2) {
            throw new IllegalArgumentException("a reinforcement-learning context's shape is {observations, actions}, got "
                    + java.util.Arrays.toString(shape));
        }
        this.config = config;
        this.trainSpec = context.trainSpec();
        this.testSpec = context.testSpec();
        this.policy = new GaussianPolicy(shape[0], new int[] {config.hidden(), config.hidden()}, shape[1]);
        this.manager = NDManager.newBaseManager(context.device(), "PyTorch");
        try {
            this.params = FastWeights.create(manager, policy.parameters(),
                    dev.metatune.algorithms.backbone.ParameterInit.values(policy.parameters(), context.seed()),
                    DataType.FLOAT32);
            List<NamedParameter> names = new ArrayList<>(params.size());
            for (int i = 0; i < params.size(); i++) {
                params.get(i).setRequiresGradient(true);
                names.add(new NamedParameter(policy.parameters().get(i).name(), params.get(i)));
            }
            this.named = List.copyOf(names);
            this.gradients = new GradientModule(manager);
            this.objective = new AdaptationObjective(policy, gradients);
            this.rollouts = new Rollouts(policy, config.discount());
            this.trpo = new TrustRegionUpdate(gradients, config.maxKl(), CG_ITERATIONS, CG_DAMPING);
            this.adam = config.outerStep() == OuterStep.PPO ? new AdamUpdater(manager, named) : null;
            this.ppo = adam == null ? null : new ClippedSurrogateUpdate(gradients, adam, config.outerLr());
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
    public int testAdaptationSteps() {
        return config.testSteps();
    }

    @Override
    public long parameterCount() {
        return policy.parameterCount();
    }

    @Override
    public long liveArrays() {
        return closed ? 0 : manager.getManagedArrays().size();
    }

    /** The policy this learner meta-learns. */
    public GaussianPolicy policy() {
        return policy;
    }

    @Override
    public StepResult metaTrainStep(List<Episode> batch) {
        checkOpen();
        List<EnvironmentTask> tasks = tasks(batch);
        boolean secondOrder = config.secondOrderAt(step);
        double meanReturn;
        try (NDManager scope = manager.newSubManager()) {
            NDList lrs = learningRates(scope);
            List<NDList> fast = new ArrayList<>(Collections.nCopies(tasks.size(), params));
            List<List<TaskSamples>> supports = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                supports.add(new ArrayList<>());
            }
            for (int r = 0; r < config.innerSteps(); r++) {
                List<List<TaskSamples>> samples = rollouts.collect(scope, tasks, fast, r, trainSpec.shots());
                try (GradMode on = GradMode.enabled()) {
                    for (int i = 0; i < tasks.size(); i++) {
                        TaskSamples support = samples.get(i).get(0);
                        supports.get(i).add(support);
                        fast.set(i, leaves(objective.adapt(fast.get(i), List.of(support), lrs, false)));
                    }
                }
            }
            List<List<TaskSamples>> queries = rollouts.collect(scope, tasks, fast, config.innerSteps(), trainSpec.queries());
            List<TaskData> data = new ArrayList<>(tasks.size());
            // only the trust-region and clipped-surrogate steps read the adapted policies' query statistics
            boolean surrogate = config.outerStep() == OuterStep.TRPO || config.outerStep() == OuterStep.PPO;
            double total = 0;
            try (GradMode off = GradMode.disabled()) {
                for (int i = 0; i < tasks.size(); i++) {
                    TaskSamples q = queries.get(i).get(0);
                    total += q.meanReturn();
                    if (!surrogate) {
                        continue;
                    }
                    NDList old = fast.get(i);
                    NDArray oldLogStd = old.get(old.size() - 1).add(0);
                    oldLogStd.attach(scope);
                    data.add(new TaskData(supports.get(i), q, policy.logProbability(old, q.observations(), q.actions()),
                            policy.mean(old, q.observations()), oldLogStd));
                }
            }
            meanReturn = total / tasks.size();
            if (config.outerStep() == OuterStep.TRPO) {
                trpo.apply(scope, params, (theta, graph, into) -> objective.evaluate(theta, data, lrs, graph && secondOrder,
                        into));
            } else if (config.outerStep() == OuterStep.PPO) {
                ppo.apply(params, theta -> objective.clippedSurrogate(theta, data, lrs, ClippedSurrogateUpdate.CLIP));
            } else if (config.outerStep() == OuterStep.REPTILE) {
                reptileStep(scope, fast, config.reptileStepAt(step));
            }
        }
        step++;
        return new StepResult(-meanReturn, Double.NaN);
    }

    /** theta += epsilon * mean over tasks of (phi - theta), in place. */
    private void reptileStep(NDManager scope, List<NDList> adapted, double epsilon) {
        try (GradMode off = GradMode.disabled()) {
            for (int j = 0; j < params.size(); j++) {
                NDArray theta = params.get(j);
                NDArray sum = theta.zerosLike();
                sum.attach(scope);
                for (NDList phi : adapted) {
                    sum.addi(phi.get(j)).subi(theta);
                }
                NDArray factor = GraphScalars.of(scope, epsilon / adapted.size(), theta.getDataType());
                theta.addi(sum.mul(factor));
            }
        }
    }

    @Override
    public double[][] adaptationReturns(List<Episode> batch, int steps) {
        checkOpen();
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        List<EnvironmentTask> tasks = tasks(batch);
        double[][] returns = new double[steps + 1][tasks.size()];
        try (NDManager scope = manager.newSubManager()) {
            NDList lrs = learningRates(scope);
            List<NDList> fast = new ArrayList<>(Collections.nCopies(tasks.size(), params));
            for (int k = 0; k <= steps; k++) {
                List<List<TaskSamples>> samples = rollouts.collect(scope, tasks, fast, k, testSpec.shots(),
                        testSpec.queries());
                for (int i = 0; i < tasks.size(); i++) {
                    returns[k][i] = samples.get(i).get(1).meanReturn();
                }
                if (k < steps) {
                    try (GradMode on = GradMode.enabled()) {
                        for (int i = 0; i < tasks.size(); i++) {
                            fast.set(i, leaves(objective.adapt(fast.get(i), List.of(samples.get(i).get(0)), lrs, false)));
                        }
                    }
                }
            }
        }
        return returns;
    }

    /** Reinforcement-learning tasks adapt by collecting trajectories: see {@link #adaptationReturns}. */
    @Override
    public AdaptedModel adapt(Examples support) {
        throw new UnsupportedOperationException("a policy learner adapts in environments, not on examples:"
                + " use adaptationReturns");
    }

    @Override
    public LearnerState saveState() {
        checkOpen();
        return TrainingState.save(config.stateName(), step, named, adam);
    }

    @Override
    public void restoreState(LearnerState state) {
        checkOpen();
        step = TrainingState.restore(config.stateName(), state, named, adam);
    }

    /** The policy's parameters (leaves that require gradients, in the base manager), for tests. */
    NDList parameters() {
        return params;
    }

    private NDList learningRates(NDManager scope) {
        // saved by every inner step's graph, so it owns its memory (see GraphScalars)
        NDArray lr = GraphScalars.of(scope, config.innerLr(), DataType.FLOAT32);
        NDList lrs = new NDList(params.size());
        for (int i = 0; i < params.size(); i++) {
            lrs.add(lr);
        }
        return lrs;
    }

    /** Detached copies that require gradients: the next inner step differentiates at them, and nothing leads back. */
    private static NDList leaves(NDList weights) {
        NDList out = new NDList(weights.size());
        for (NDArray w : weights) {
            NDArray leaf = w.stopGradient();
            leaf.setRequiresGradient(true);
            out.add(leaf);
        }
        return out;
    }

    private static List<EnvironmentTask> tasks(List<Episode> batch) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("a meta-batch needs at least one task");
        }
        List<EnvironmentTask> tasks = new ArrayList<>(batch.size());
        for (Episode e : batch) {
            if (e.kind() != TaskKind.REINFORCEMENT) {
                throw new IllegalArgumentException("a policy learner learns reinforcement-learning tasks, got a " + e.kind()
                        + " episode");
            }
            tasks.add(e.environment());
        }
        return tasks;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this policy learner is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (adam != null) {
                adam.close();
            }
            gradients.close();
            manager.close();
        }
    }
}
