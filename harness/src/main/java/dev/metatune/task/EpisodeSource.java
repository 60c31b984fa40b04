package dev.metatune.task;

/**
 * A deterministic, random-access sequence of episodes. {@code episode(i)} depends only on the
 * source's seed and {@code i}, never on global state or on which episodes were asked for before:
 * episode 17 is the same whoever asks first, in any process. Implementations are thread-safe.
 */
public interface EpisodeSource {

    /** The shape of every episode. */
    TaskSpec spec();

    /** Classification or regression. */
    TaskKind kind();

    /** Shape of one input example, e.g. {1, 28, 28}. */
    int[] exampleShape();

    /** Number of classes episodes are drawn from (0 for regression). */
    int classCount();

    /** Episode number {@code index} (0-based). */
    Episode episode(long index);
}
