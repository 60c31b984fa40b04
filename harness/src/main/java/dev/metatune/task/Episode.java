package dev.metatune.task;

import java.util.Arrays;
import java.util.Objects;

/**
 * One few-shot task: an explicit support set and query set. For classification the support holds
 * {@code spec.shots()} examples of each of {@code spec.ways()} classes and the query
 * {@code spec.queries()} of each, grouped by class in label order, labels remapped to 0..N-1.
 * {@code classIds} gives, for label i, the class's index in its split (so a transfer baseline can
 * train over all classes of a split); it is empty for regression.
 *
 * <p>A reinforcement-learning episode has no examples: it is an {@link EnvironmentTask}, whose support
 * and query trajectories the learner collects itself ({@code support}, {@code query} null,
 * {@code classIds} empty); every other episode has examples and no environment.
 *
 * @param index       the episode's position in its {@link EpisodeSource}
 * @param environment the task of a reinforcement-learning episode, else null
 */
public record Episode(long index, TaskKind kind, TaskSpec spec, Examples support, Examples query, int[] classIds,
                      EnvironmentTask environment) {

    public Episode {
        if (kind == TaskKind.REINFORCEMENT) {
            if (environment == null || support != null || query != null || classIds.length != 0) {
                throw new IllegalArgumentException("a reinforcement-learning episode has an environment and no examples");
            }
        } else {
            if (environment != null) {
                throw new IllegalArgumentException("a " + kind + " episode has no environment");
            }
            if (support.kind() != kind || query.kind() != kind) {
                throw new IllegalArgumentException("support and query must both be " + kind);
            }
        }
        if (kind == TaskKind.CLASSIFICATION && classIds.length != spec.ways()) {
            throw new IllegalArgumentException("classIds has " + classIds.length + " entries, expected " + spec.ways());
        }
    }

    /** A classification or regression episode. */
    public Episode(long index, TaskKind kind, TaskSpec spec, Examples support, Examples query, int[] classIds) {
        this(index, kind, spec, support, query, classIds, null);
    }

    /** A reinforcement-learning episode: one task of an environment family. */
    public static Episode reinforcement(long index, TaskSpec spec, EnvironmentTask environment) {
        return new Episode(index, TaskKind.REINFORCEMENT, spec, null, null, new int[0], environment);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Episode e && index == e.index && kind == e.kind && spec.equals(e.spec)
                && Objects.equals(support, e.support) && Objects.equals(query, e.query)
                && Arrays.equals(classIds, e.classIds) && Objects.equals(environment, e.environment);
    }

    @Override
    public int hashCode() {
        if (environment != null) {
            return 31 * Long.hashCode(index) + environment.hashCode();
        }
        return 31 * (31 * Long.hashCode(index) + support.hashCode()) + query.hashCode();
    }

    @Override
    public String toString() {
        return "Episode[" + index + ", " + spec + ", " + kind + "]";
    }
}
