package dev.metatune.algorithms.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.metatune.data.environment.EnvironmentEpisodeSource;
import dev.metatune.data.nav2d.Nav2dFamily;
import dev.metatune.task.EnvironmentFamily;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.TaskSpec;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The 2D navigation tasks with episodes of a few steps instead of 100, so that contract tests of
 * reinforcement-learning learners stay fast: the dynamics, rewards and goals of {@link Nav2dFamily}.
 */
public final class ShortNavigation implements EnvironmentFamily {

    private final Nav2dFamily nav = new Nav2dFamily();
    private final int horizon;

    public ShortNavigation(int horizon) {
        this.horizon = horizon;
    }

    /** Episodes of 5-step navigation tasks with 2 support and 2 query trajectories. */
    public static EpisodeSource episodes(long seed) {
        return new EnvironmentEpisodeSource(new ShortNavigation(5), new TaskSpec(1, 2, 2), seed);
    }

    @Override
    public String name() {
        return "nav2d-short";
    }

    @Override
    public int stateSize() {
        return nav.stateSize();
    }

    @Override
    public int observationSize() {
        return nav.observationSize();
    }

    @Override
    public int actionSize() {
        return nav.actionSize();
    }

    @Override
    public int horizon() {
        return horizon;
    }

    @Override
    public double actionBound() {
        return nav.actionBound();
    }

    @Override
    public List<String> parameterNames() {
        return nav.parameterNames();
    }

    @Override
    public double[] sampleParameters(SplittableRandom random) {
        return nav.sampleParameters(random);
    }

    @Override
    public double[] initialState(double[] parameters, SplittableRandom random) {
        return nav.initialState(parameters, random);
    }

    @Override
    public double[] observation(double[] state) {
        return nav.observation(state);
    }

    @Override
    public Transition step(double[] parameters, double[] state, double[] action) {
        return nav.step(parameters, state, action);
    }

    @Override
    public NDArray observations(NDArray states) {
        return nav.observations(states);
    }

    @Override
    public NDList step(NDArray parameters, NDArray states, NDArray actions) {
        return nav.step(parameters, states, actions);
    }
}
