package dev.metatune.task;

import java.util.Arrays;
import java.util.Objects;

/**
 * One reinforcement-learning task: an environment of a family with its parameters, and the seed of
 * every random draw its rollouts make (start states and the policy's action noise), so that the
 * trajectories of a task depend only on (source seed, episode index) and the policy.
 *
 * @param family      the dynamics
 * @param parameters  this task's parameters, in the order of {@link EnvironmentFamily#parameterNames()}
 * @param rolloutSeed seeds the rollouts of this task
 */
public record EnvironmentTask(EnvironmentFamily family, double[] parameters, long rolloutSeed) {

    public EnvironmentTask {
        Objects.requireNonNull(family, "family");
        parameters = parameters.clone();
        if (parameters.length != family.parameterNames().size()) {
            throw new IllegalArgumentException(family.name() + " tasks have " + family.parameterNames().size()
                    + " parameters " + family.parameterNames() + ", got " + parameters.length);
        }
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnvironmentTask t && family.name().equals(t.family.name())
                && Arrays.equals(parameters, t.parameters) && rolloutSeed == t.rolloutSeed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(family.name(), Arrays.hashCode(parameters), rolloutSeed);
    }

    @Override
    public String toString() {
        return family.name() + Arrays.toString(parameters);
    }
}
