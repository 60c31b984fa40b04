package dev.metatune.suite;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One data set of a suite with the settings it is run in.
 *
 * <p><b>Fallback.</b> When {@code fallback} is given and this data set's files are absent (and
 * {@code download} is false or the download fails), the runner uses the fallback data set instead,
 * with the same settings and image size and the fallback's train, val and test splits, and records the
 * substitution in {@code provenance.json} and the report. The fallback must be a different,
 * known data set of the same task kind (e.g. {@code omniglot} falling back to {@code synthetic}).
 * Without a fallback, absent files stop the run before anything trains.
 *
 * @param name      the registered data set name, e.g. {@code omniglot}
 * @param split     the split scheme: "" or {@code standard} for the data set's {@code train},
 *                  {@code val} and {@code test} splits, or {@code vinyals} (Omniglot's name for them)
 * @param imageSize side of the square images, or 0 for the data set's default
 * @param download  whether absent files may be downloaded from the official archives
 * @param fallback  the data set to use when this one's files are absent, if any
 * @param settings  the settings this data set is run in, at least one, no duplicates
 */
public record DatasetEntry(String name, String split, int imageSize, boolean download, Optional<String> fallback,
        List<Setting> settings) {

    public DatasetEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(fallback, "fallback");
        if (imageSize < 0) {
            throw new IllegalArgumentException("data set '" + name + "': image_size must be 0 or positive, got "
                    + imageSize);
        }
        if (settings == null || settings.isEmpty()) {
            throw new IllegalArgumentException("data set '" + name + "' needs at least one setting");
        }
        settings = List.copyOf(settings);
    }

    /** {@code name}, or {@code name/split} when a split scheme is given. */
    public String label() {
        return split.isEmpty() ? name : name + "/" + split;
    }
}
