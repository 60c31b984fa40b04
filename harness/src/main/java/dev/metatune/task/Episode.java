package dev.metatune.task;

import java.util.Arrays;

/**
 * One few-shot task: an explicit support set and query set. For classification the support holds
 * {@code spec.shots()} examples of each of {@code spec.ways()} classes and the query
 * {@code spec.queries()} of each, grouped by class in label order, labels remapped to 0..N-1.
 * {@code classIds} gives, for label i, the class's index in its split (so a transfer baseline can
 * train over all classes of a split); it is empty for regression.
 *
 * @param index the episode's position in its {@link EpisodeSource}
 */
public record Episode(long index, TaskKind kind, TaskSpec spec, Examples support, Examples query, int[] classIds) {

    public Episode {
        if (support.kind() != kind || query.kind() != kind) {
            throw new IllegalArgumentException("support and query must both be " + kind);
        }
        if (kind == TaskKind.CLASSIFICATION && classIds.length != spec.ways()) {
            throw new IllegalArgumentException("classIds has " + classIds.length + " entries, expected " + spec.ways());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Episode e && index == e.index && kind == e.kind && spec.equals(e.spec)
                && support.equals(e.support) && query.equals(e.query) && Arrays.equals(classIds, e.classIds);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(index) + support.hashCode()) + query.hashCode();
    }

    @Override
    public String toString() {
        return "Episode[" + index + ", " + spec + ", " + kind + "]";
    }
}
