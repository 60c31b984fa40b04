package dev.metatune.sweep;

import dev.metatune.data.Dataset;
import dev.metatune.data.DataException;
import dev.metatune.data.DataOptions;
import dev.metatune.plugin.Registry;
import dev.metatune.data.DatasetProvider;
import dev.metatune.data.SplitInfo;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.suite.DatasetEntry;
import dev.metatune.suite.StudyPlan;
import dev.metatune.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
        Resolution r = resolve(entry, registry, base, entry.download());
        if (r.dataset() == null) {
            throw new DataException(r.problem());
        }
        return r.dataset();
    }

    /**
     * Like {@link #open} but never downloads, and empty when neither the data set nor its fallback has
     * its files here (for {@code metatune validate}, which checks what it can without the data).
     */
    public static Optional<ResolvedDataset> openIfPresent(DatasetEntry entry, Registry<DatasetProvider> registry,
                                                          DataOptions base) {
        return Optional.ofNullable(resolve(entry, registry, base, false).dataset());
    }

    /** The data set used, or (dataset null) why none is usable. */
    private record Resolution(ResolvedDataset dataset, String problem) {
    }

    private static Resolution resolve(DatasetEntry entry, Registry<DatasetProvider> registry, DataOptions base,
                                      boolean download) {
        String scheme = entry.split().isEmpty() ? "" : entry.split().toLowerCase(Locale.ROOT);
        if (!scheme.isEmpty() && !scheme.equals("vinyals") && !scheme.equals("standard")) {
            throw new DataException("data set '" + entry.name() + "': split scheme '" + entry.split()
                    + "' is not supported by the sweep runner, which needs train/val/test splits; use 'vinyals' (Omniglot)"
                    + " or leave it out");
        }
        DataOptions options = new DataOptions(base.dataRoot(), base.cacheDir(), entry.imageSize(), download);
        Dataset named = registry.get(entry.name()).open(options);
        String missing = missingSplits(named);
        if (!missing.isEmpty() && download) {
            try {
                named.pool(TRAIN);
                missing = missingSplits(named);
            } catch (DataException notDownloaded) {
                missing = missing + "; download failed: " + notDownloaded.getMessage();
            }
        }
        if (missing.isEmpty()) {
            return new Resolution(new ResolvedDataset(entry, named, ""), "");
        }
        if (entry.fallback().isEmpty()) {
            return new Resolution(null, "data set '" + entry.name() + "' is not usable under " + base.dataRoot() + ": "
                    + missing + " (set --data-dir, or give the suite entry a fallback data set)");
        }
        String fallbackName = entry.fallback().get();
        Dataset fallback = registry.get(fallbackName).open(new DataOptions(base.dataRoot(), base.cacheDir(),
                entry.imageSize(), false));
        String fallbackMissing = missingSplits(fallback);
        if (!fallbackMissing.isEmpty()) {
            return new Resolution(null, "data set '" + entry.name() + "' is absent (" + missing + ") and its fallback '"
                    + fallbackName + "' is not usable either: " + fallbackMissing);
        }
        return new Resolution(new ResolvedDataset(entry, fallback, entry.name() + " is absent under " + base.dataRoot()
                + " (" + missing + "); " + fallbackName + " used instead"), "");
    }

    /**
     * Checks, before anything runs, that this data set's splits can serve every episode {@code plan}
     * asks for, as {@link Dataset#episodes} would when the study starts: the setting on the validation
     * split, the test episodes ({@code testQueries} queries a class) on the test split, and the training
     * episodes {@code algorithm} asks for ({@link AlgorithmProvider#trainingSpec}, from its defaults
     * with the entry's fixed values, and with each enqueued configuration) on the training split. A
     * split asked for more ways than it has classes, or more shots plus queries than its smallest class
     * has images, is a {@link DataException} naming the study, the split and the numbers. Regression
     * data sets (no classes) pass.
     */
    public void checkStudy(StudyPlan plan, AlgorithmProvider algorithm, int testQueries) {
        TaskSpec setting = plan.setting().taskSpec();
        String study = "study '" + plan.studyName() + "'";
        checkShape(VALIDATION, setting, study + ", setting " + setting);
        checkShape(TEST, new TaskSpec(setting.ways(), setting.shots(), testQueries), study + ", test episodes");
        Hyperparameters base = algorithm.defaults(dataset.kind()).with(plan.algorithm().fixed());
        List<Map<String, Object>> configurations = new ArrayList<>();
        configurations.add(Map.of());
        configurations.addAll(plan.algorithm().enqueue());
        for (Map<String, Object> configuration : configurations) {
            TaskSpec training = algorithm.trainingSpec(base.with(configuration), setting);
            checkShape(TRAIN, training, study + ", training episodes of '" + algorithm.name() + "'"
                    + (training.equals(setting) ? "" : " (" + training + ")")
                    + (configuration.isEmpty() ? "" : " with enqueued " + configuration));
        }
    }

    /** Fails unless {@code split} has {@code spec.ways()} classes with {@code spec.examplesPerClass()} images each. */
    private void checkShape(String split, TaskSpec spec, String what) {
        SplitInfo info = dataset.info(split);
        if (!info.available() || info.classes() == 0) {
            return;
        }
        String where = dataset.name() + "/" + split;
        if (spec.ways() > info.classes()) {
            throw new DataException(what + ": " + spec.ways() + " ways requested but " + where + " has only "
                    + info.classes() + " classes; allowed: ways <= " + info.classes());
        }
        if (spec.examplesPerClass() > info.imagesPerClass()) {
            throw new DataException(what + ": shots + queries = " + spec.shots() + " + " + spec.queries() + " = "
                    + spec.examplesPerClass() + " images per class requested but a class of " + where + " has only "
                    + info.imagesPerClass() + "; allowed: shots + queries <= " + info.imagesPerClass());
        }
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
