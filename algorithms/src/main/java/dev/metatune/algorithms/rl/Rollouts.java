package dev.metatune.algorithms.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.metatune.algorithms.training.GradMode;
import dev.metatune.task.EnvironmentFamily;
import dev.metatune.task.EnvironmentTask;
import dev.metatune.task.EpisodeSeeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Collects the trajectories of a whole meta-batch on the learner's device: the agents of every task
 * (each task with its own policy weights) are stepped together as one batch of tensors, one policy
 * evaluation and one call of the family's batched dynamics per time step, so a rollout costs
 * {@code horizon} rounds of a few engine calls whatever the number of tasks. Start states and action
 * noise come from each task's rollout seed, the round (which collection of the task this is) and
 * the trajectory's number, generated on the host and uploaded once; rewards and observations are
 * read back once, for the baseline ({@link LinearFeatureBaseline}). Nothing is differentiated.
 */
public final class Rollouts {

    private final GaussianPolicy policy;
    private final double discount;

    /** Rollouts of {@code policy}; returns-to-go discounted by {@code discount} for the baseline. */
    public Rollouts(GaussianPolicy policy, double discount) {
        if (!(discount > 0 && discount <= 1)) {
            throw new IllegalArgumentException("discount must be in (0, 1], got " + discount);
        }
        this.policy = policy;
        this.discount = discount;
    }

    /**
     * Rolls out {@code parts[0] + parts[1] + ...} trajectories in every task, task b with the policy
     * weights {@code weights.get(b)}, and returns for each task one {@link TaskSamples} per part
     * (consecutive trajectories; each part's advantages fitted on that part alone), in
     * {@code manager}. All tasks must be of one family.
     */
    public List<List<TaskSamples>> collect(NDManager manager, List<EnvironmentTask> tasks, List<NDList> weights, long round,
                                           int... parts) {
        if (tasks.isEmpty() || tasks.size() != weights.size()) {
            throw new IllegalArgumentException("need one weight list per task, got " + tasks.size() + " tasks and "
                    + weights.size() + " weight lists");
        }
        EnvironmentFamily family = tasks.get(0).family();
        for (EnvironmentTask t : tasks) {
            if (!t.family().name().equals(family.name())) {
                throw new IllegalArgumentException("one rollout batch holds one family: " + family.name() + " and "
                        + t.family().name());
            }
        }
        if (family.observationSize() != policy.observationSize() || family.actionSize() != policy.actionSize()) {
            throw new IllegalArgumentException("the policy sees " + policy.observationSize() + " and acts in "
                    + policy.actionSize() + " dimensions; " + family.name() + " has " + family.observationSize() + " and "
                    + family.actionSize());
        }
        int n = 0;
        for (int p : parts) {
            if (p < 1) {
                throw new IllegalArgumentException("every part needs at least one trajectory, got " + p);
            }
            n += p;
        }
        int tasksCount = tasks.size();
        int rows = tasksCount * n;
        int horizon = family.horizon();
        int s = family.stateSize();
        int o = family.observationSize();
        int a = family.actionSize();
        int p = family.parameterNames().size();
        float[] parameters = new float[rows * p];
        float[] starts = new float[rows * s];
        float[] noise = new float[horizon * rows * a];
        for (int b = 0; b < tasksCount; b++) {
            EnvironmentTask task = tasks.get(b);
            double[] params = task.parameters();
            for (int j = 0; j < n; j++) {
                int row = b * n + j;
                SplittableRandom random = EpisodeSeeds.random(task.rolloutSeed() + 0x9E3779B97F4A7C15L * (round + 1), j);
                for (int k = 0; k < p; k++) {
                    parameters[row * p + k] = (float) params[k];
                }
                double[] start = family.initialState(params, random);
                for (int k = 0; k < s; k++) {
                    starts[row * s + k] = (float) start[k];
                }
                for (int t = 0; t < horizon; t++) {
                    for (int k = 0; k < a; k++) {
                        noise[(t * rows + row) * a + k] = (float) random.nextGaussian();
                    }
                }
            }
        }
        List<List<TaskSamples>> out = new ArrayList<>(tasksCount);
        try (NDManager scope = manager.newSubManager(); GradMode off = GradMode.disabled()) {
            NDArray envParams = scope.create(parameters, new Shape(rows, p));
            NDArray states = scope.create(starts, new Shape(rows, s));
            NDArray allNoise = scope.create(noise, new Shape(horizon, tasksCount, n, a));
            NDList stacked = stack(scope, weights);
            NDList observations = new NDList(horizon);
            NDList actions = new NDList(horizon);
            NDList rewards = new NDList(horizon);
            for (int t = 0; t < horizon; t++) {
                NDArray obs = family.observations(states);
                NDArray act = policy.batchedActions(stacked, obs.reshape(tasksCount, n, o), allNoise.get(t)).reshape(rows, a);
                NDList next = family.step(envParams, states, act);
                observations.add(obs);
                actions.add(act);
                rewards.add(next.get(1));
                states = next.get(0);
            }
            NDArray obsAll = NDArrays.stack(observations).reshape(horizon, tasksCount, n, o);
            NDArray actAll = NDArrays.stack(actions).reshape(horizon, tasksCount, n, a);
            float[] rewardHost = NDArrays.stack(rewards).toFloatArray();
            float[] obsHost = obsAll.toFloatArray();
            for (int b = 0; b < tasksCount; b++) {
                List<TaskSamples> taskParts = new ArrayList<>(parts.length);
                int from = 0;
                for (int part : parts) {
                    int to = from + part;
                    float[] partObs = new float[horizon * part * o];
                    float[] partRewards = new float[horizon * part];
                    double total = 0;
                    for (int t = 0; t < horizon; t++) {
                        for (int j = 0; j < part; j++) {
                            int src = (t * tasksCount + b) * n + from + j;
                            partRewards[t * part + j] = rewardHost[src];
                            total += rewardHost[src];
                            System.arraycopy(obsHost, src * o, partObs, (t * part + j) * o, o);
                        }
                    }
                    float[] advantages = LinearFeatureBaseline.advantages(partObs, partRewards, horizon, part, o, discount);
                    String range = ":, " + b + ", " + from + ":" + to + ", :";
                    NDArray partObsDevice = obsAll.get(range).reshape(horizon * part, o);
                    NDArray partActions = actAll.get(range).reshape(horizon * part, a);
                    partObsDevice.attach(manager);
                    partActions.attach(manager);
                    NDArray adv = manager.create(advantages, new Shape(horizon * part));
                    taskParts.add(new TaskSamples(partObsDevice, partActions, adv, total / part));
                    from = to;
                }
                out.add(taskParts);
            }
        }
        return out;
    }

    /** Every parameter of the tasks' weights stacked along a new leading task dimension, in {@code scope}. */
    private static NDList stack(NDManager scope, List<NDList> weights) {
        int count = weights.get(0).size();
        NDList stacked = new NDList(count);
        for (int k = 0; k < count; k++) {
            NDList column = new NDList(weights.size());
            for (NDList w : weights) {
                column.add(w.get(k));
            }
            NDArray s = NDArrays.stack(column);
            s.attach(scope);
            stacked.add(s);
        }
        return stacked;
    }
}
