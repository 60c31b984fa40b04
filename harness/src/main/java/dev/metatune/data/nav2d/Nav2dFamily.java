package dev.metatune.data.nav2d;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.metatune.task.EnvironmentFamily;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The 2D navigation tasks of Finn, Abbeel and Levine, "Model-Agnostic Meta-Learning for Fast
 * Adaptation of Deep Networks" (ICML 2017), section 5.3: a point agent starts at the origin and
 * moves by its action, clipped to [-0.1, 0.1] per coordinate, for 100 steps; the reward of a step is
 * the negative distance to the goal after it, and the goal, the task's only parameter, is uniform
 * in [-0.5, 0.5]^2. The agent observes its position only, so the goal must be inferred from rewards.
 * (The authors' code also ends an episode within 0.01 of the goal; here every episode has 100 steps.)
 */
public final class Nav2dFamily implements EnvironmentFamily {

    /** The registered name. */
    public static final String NAME = "nav2d";
    /** Goals are uniform in [-GOAL_RANGE, GOAL_RANGE]^2. */
    public static final double GOAL_RANGE = 0.5;
    /** Actions are clipped to [-ACTION_BOUND, ACTION_BOUND] per coordinate. */
    public static final double ACTION_BOUND = 0.1;
    /** Steps per episode. */
    public static final int HORIZON = 100;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int stateSize() {
        return 2;
    }

    @Override
    public int observationSize() {
        return 2;
    }

    @Override
    public int actionSize() {
        return 2;
    }

    @Override
    public int horizon() {
        return HORIZON;
    }

    @Override
    public double actionBound() {
        return ACTION_BOUND;
    }

    @Override
    public List<String> parameterNames() {
        return List.of("goal_x", "goal_y");
    }

    @Override
    public double[] sampleParameters(SplittableRandom random) {
        return new double[] {random.nextDouble(-GOAL_RANGE, GOAL_RANGE), random.nextDouble(-GOAL_RANGE, GOAL_RANGE)};
    }

    @Override
    public double[] initialState(double[] parameters, SplittableRandom random) {
        return new double[] {0, 0};
    }

    @Override
    public double[] observation(double[] state) {
        return state.clone();
    }

    @Override
    public Transition step(double[] parameters, double[] state, double[] action) {
        double x = state[0] + clip(action[0]);
        double y = state[1] + clip(action[1]);
        double dx = x - parameters[0];
        double dy = y - parameters[1];
        return new Transition(new double[] {x, y}, -Math.sqrt(dx * dx + dy * dy));
    }

    private static double clip(double a) {
        return Math.max(-ACTION_BOUND, Math.min(ACTION_BOUND, a));
    }

    @Override
    public NDArray observations(NDArray states) {
        return states.duplicate();
    }

    @Override
    public NDList step(NDArray parameters, NDArray states, NDArray actions) {
        NDArray next = states.add(actions.clip(-ACTION_BOUND, ACTION_BOUND));
        NDArray reward = next.sub(parameters).square().sum(new int[] {1}).sqrt().neg();
        return new NDList(next, reward);
    }
}
