package dev.metatune.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where data sets live and how images are prepared.
 *
 * @param dataRoot  the data root, one folder per data set ({@code omniglot/}, {@code mini-imagenet/}, ...)
 * @param cacheDir  a writable folder for decoded-image caches (never beside the data, which may be read-only)
 * @param imageSize side of the square images after resizing, or 0 for the data set's default
 *                  (28 for Omniglot, 84 for mini-ImageNet, 32 for CIFAR-FS)
 * @param allowDownload whether a data set whose files are absent may download its official archives
 */
public record DataOptions(Path dataRoot, Path cacheDir, int imageSize, boolean allowDownload) {

    public DataOptions {
        Objects.requireNonNull(dataRoot, "dataRoot");
        Objects.requireNonNull(cacheDir, "cacheDir");
        if (imageSize < 0) {
            throw new IllegalArgumentException("imageSize must be 0 (default) or positive, got " + imageSize);
        }
    }

    /** The default data root: {@code METATUNE_DATA}, else {@code ~/.cache/metatune/data}. */
    public static Path defaultDataRoot() {
        String env = System.getenv("METATUNE_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return defaultCacheDir().resolve("data");
    }

    /** The default cache folder: {@code METATUNE_CACHE}, else {@code ~/.cache/metatune}. */
    public static Path defaultCacheDir() {
        String env = System.getenv("METATUNE_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "metatune");
    }

    /** The image size to use: the given one, or {@code fallback} when none was given. */
    public int imageSizeOr(int fallback) {
        return imageSize > 0 ? imageSize : fallback;
    }
}
