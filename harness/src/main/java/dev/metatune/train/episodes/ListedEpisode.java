package dev.metatune.train.episodes;

import dev.metatune.task.Episode;
import java.util.Objects;

/**
 * One episode of an episode list, as listed.
 *
 * @param id      the {@code episode} column's value
 * @param line    the CSV line of its first row
 * @param episode its support and query sets, labels remapped to 0..N-1 in order of first appearance
 * @param shots   support examples of its smallest class (classes may differ)
 */
public record ListedEpisode(String id, int line, Episode episode, int shots) {

    public ListedEpisode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(episode, "episode");
    }
}
