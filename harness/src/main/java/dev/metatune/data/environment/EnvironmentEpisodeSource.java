package dev.metatune.data.environment;

import dev.metatune.task.Episode;
import dev.metatune.task.EpisodeSeeds;
import dev.metatune.task.EpisodeSource;
import dev.metatune.task.EnvironmentFamily;
import dev.metatune.task.EnvironmentTask;
import dev.metatune.task.TaskKind;
import dev.metatune.task.TaskSpec;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Reinforcement-learning episodes of one {@link EnvironmentFamily}: episode i is the task whose
 * parameters and rollout seed are drawn from (seed, i) alone. {@code spec.shots()} is the number of
 * support trajectories of each adaptation step, {@code spec.queries()} the number of query
 * trajectories; {@code ways} is 1. Immutable and thread-safe.
 */
public final class EnvironmentEpisodeSource implements EpisodeSource {

    private final EnvironmentFamily family;
    private final TaskSpec spec;
    private final long seed;

    public EnvironmentEpisodeSource(EnvironmentFamily family, TaskSpec spec, long seed) {
        this.family = Objects.requireNonNull(family, "family");
        this.spec = Objects.requireNonNull(spec, "spec");
        if (spec.ways() != 1) {
            throw new IllegalArgumentException(family.name() + " tasks are reinforcement-learning tasks: ways must be 1, got "
                    + spec.ways());
        }
        this.seed = seed;
    }

    /** The family the tasks come from. */
    public EnvironmentFamily family() {
        return family;
    }

    @Override
    public TaskSpec spec() {
        return spec;
    }

    @Override
    public TaskKind kind() {
        return TaskKind.REINFORCEMENT;
    }

    /** The interface of a task's agent: {observationSize, actionSize} (see {@link TaskKind#REINFORCEMENT}). */
    @Override
    public int[] exampleShape() {
        return new int[] {family.observationSize(), family.actionSize()};
    }

    @Override
    public int classCount() {
        return 0;
    }

    @Override
    public Episode episode(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("episode index must be non-negative, got " + index);
        }
        SplittableRandom random = EpisodeSeeds.random(seed, index);
        double[] parameters = family.sampleParameters(random);
        return Episode.reinforcement(index, spec, new EnvironmentTask(family, parameters, random.nextLong()));
    }

    @Override
    public String toString() {
        return family.name() + " " + spec + " (seed " + seed + ")";
    }
}
