package dev.metatune.sweep;

import dev.metatune.data.Dataset;
import dev.metatune.data.DataException;
import dev.metatune.data.DataOptions;
import dev.metatune.plugin.Registry;
import dev.metatune.data.DatasetProvider;
import dev.metatune.data.SplitInfo;
import dev.metatune.suite.DatasetEntry;
import java.util.List;
import java.util.Locale;

/**
 * A suite's data set opened for a run: the data set that is actually used (the fallback when the
 * named one's files are absent) and its meta-train, meta-validation and meta-test split names.
 *
 * @param entry       the suite's entry
 * @param dataset     the opened data set
 * @param substituted why the fallback is used instead of the named data set, or "" when it is not
 */
public record ResolvedDataset(DatasetEntry entry, Dataset dataset, String substituted) {

    /** The split the learners meta-train on. */
    public static final String TRAIN = "train";
    /** The split the sweep tunes on (never used for the final numbers). */
    public static final String VALIDATION = "val";
    /** The split the final numbers come from, touched once per configuration and seed. */
    public static final String TEST = "test";

    /** Opens {@code entry}'s data set, or its fallback when its files are absent. */
    public static ResolvedDataset open(DatasetEntry entry, Registry<DatasetProvider> registry, DataOptions base) {
        String scheme = entry.split().isEmpty() ? "" : entry.split().toLowerCase(Locale.ROOT);
        if (!scheme.isEmpty() && !scheme.equals("vinyals") && !scheme.equals("standard")) {
            throw new DataException("data set '" + entry.name() + "': split scheme '" + entry.split()
                    + "' is not supported by the sweep runner, which needs train/val/test splits; use 'vinyals' (Omniglot)"
                    + " or leave it out");
        }
        DataOptions options = new DataOptions(base.dataRoot(), base.cacheDir(), entry.imageSize(), entry.download());
        Dataset named = registry.get(entry.name()).open(options);
        String missing = missingSplits(named);
        if (!missing.isEmpty() && entry.download()) {
            try {
                named.pool(TRAIN);
                missing = missingSplits(named);
            } catch (DataException notDownloaded) {
                missing = missing + "; download failed: " + notDownloaded.getMessage();
            }
        }
        if (missing.isEmpty()) {
            return new ResolvedDataset(entry, named, "");
        }
        if (entry.fallback().isEmpty()) {
            throw new DataException("data set '" + entry.name() + "' is not usable under " + base.dataRoot() + ": " + missing
                    + " (set --data-dir, or give the suite entry a fallback data set)");
        }
        String fallbackName = entry.fallback().get();
        Dataset fallback = registry.get(fallbackName).open(new DataOptions(base.dataRoot(), base.cacheDir(),
                entry.imageSize(), false));
        String fallbackMissing = missingSplits(fallback);
        if (!fallbackMissing.isEmpty()) {
            throw new DataException("data set '" + entry.name() + "' is absent (" + missing + ") and its fallback '"
                    + fallbackName + "' is not usable either: " + fallbackMissing);
        }
        return new ResolvedDataset(entry, fallback, entry.name() + " is absent under " + base.dataRoot() + " (" + missing
                + "); " + fallbackName + " used instead");
    }

    private static String missingSplits(Dataset dataset) {
        StringBuilder missing = new StringBuilder();
        for (String split : List.of(TRAIN, VALIDATION, TEST)) {
            if (!dataset.splits().contains(split)) {
                missing.append(missing.isEmpty() ? "" : "; ").append("it has no '").append(split).append("' split");
                continue;
            }
            SplitInfo info = dataset.info(split);
            if (!info.available()) {
                missing.append(missing.isEmpty() ? "" : "; ").append(split).append(": ").append(info.detail());
            }
        }
        return missing.toString();
    }

    /** The name of the data set actually used. */
    public String usedName() {
        return dataset.name();
    }
}
