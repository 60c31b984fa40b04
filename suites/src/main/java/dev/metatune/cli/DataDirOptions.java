package dev.metatune.cli;

import dev.metatune.data.DataException;
import dev.metatune.data.DataOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The picocli mixin for where data sets and their caches live, shared by every command that reads
 * data ({@code datasets}, {@code run}, {@code eval}, {@code bench}): {@code --data-dir DIR} (default
 * {@code METATUNE_DATA}, else {@code ~/.cache/metatune/data}) and {@code --cache-dir DIR} (default
 * {@code METATUNE_CACHE}, else {@code ~/.cache/metatune}), and {@code --no-download}.
 */
public final class DataDirOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data root, one folder per data set (omniglot/, mini-imagenet/, ...). "
                    + "Default: METATUNE_DATA, else ~/.cache/metatune/data.")
    Path dataDir;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Writable folder for decoded-image caches. Default: METATUNE_CACHE, else ~/.cache/metatune.")
    Path cacheDir;

    @Option(names = "--no-download",
            description = "Never download a data set's official files when they are absent (default: download).")
    boolean noDownload;

    /** The data root: the given one, which must be an existing folder, or the default. */
    public Path dataRoot() {
        if (dataDir == null) {
            return DataOptions.defaultDataRoot();
        }
        if (!Files.isDirectory(dataDir)) {
            throw new DataException("--data-dir " + dataDir + ": no such folder; expected the data root, "
                    + "one folder per data set (omniglot/, mini-imagenet/, cifar-fs/, ...)");
        }
        return dataDir;
    }

    /** The cache folder: the given one or the default. */
    public Path cacheRoot() {
        return cacheDir != null ? cacheDir : DataOptions.defaultCacheDir();
    }

    /** Whether a data set whose files are absent may download them ({@code --no-download} turns it off). */
    public boolean allowDownload() {
        return !noDownload;
    }

    /** Data options from these flags; {@code imageSize} 0 keeps each data set's default. */
    public DataOptions toOptions(int imageSize) {
        return new DataOptions(dataRoot(), cacheRoot(), imageSize, allowDownload());
    }
}
