package dev.metatune.cli;

import dev.metatune.data.DataException;
import dev.metatune.data.DataOptions;
import dev.metatune.data.DatasetProvider;
import dev.metatune.plugin.Registry;
import dev.metatune.hpo.PrunerProvider;
import dev.metatune.hpo.SamplerProvider;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.suite.AlgorithmSchema;
import dev.metatune.suite.SuiteCatalog;
import dev.metatune.task.TaskKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalog suites are checked against on the command line: what the registries hold (algorithms,
 * data sets) and the HPO engine's samplers and pruners with their option names.
 */
public final class SuiteCatalogs {

    private SuiteCatalogs() {
    }

    /**
     * Samplers and pruners with their option names from {@link SamplerProvider#registry()} and {@link PrunerProvider#registry()};
     * algorithms with their schemas from {@link Registry<AlgorithmProvider>#fromServiceLoader()}; data sets from
     * {@link Registry<DatasetProvider>#fromServiceLoader()} with the kind of each one that opens without its files
     * being read (a data set whose files are absent keeps an unknown kind and is checked when it is opened).
     */
    public static SuiteCatalog fromRegistries() {
        return of(AlgorithmProvider.registry(), DatasetProvider.registry());
    }

    /** The catalog of the given algorithms and data sets, with the HPO engine's samplers and pruners. */
    public static SuiteCatalog of(Registry<AlgorithmProvider> algorithmRegistry, Registry<DatasetProvider> datasets) {
        List<AlgorithmProvider> algorithms = algorithmRegistry.all();
        DataOptions options = new DataOptions(DataOptions.defaultDataRoot(), DataOptions.defaultCacheDir(), 0, false);
        Map<String, TaskKind> kinds = new HashMap<>();
        Map<String, List<String>> splits = new HashMap<>();
        for (DatasetProvider p : datasets.all()) {
            splits.put(p.name(), p.splitNames());
            try {
                kinds.put(p.name(), p.open(options).kind());
            } catch (DataException absent) {
                // files absent here: the kind stays unknown, and the runner checks the settings on opening
                continue;
            }
        }
        Map<String, Set<String>> samplerOptions = new HashMap<>();
        SamplerProvider.registry().all().forEach(p -> samplerOptions.put(p.name(), p.optionNames()));
        Map<String, Set<String>> prunerOptions = new HashMap<>();
        PrunerProvider.registry().all().forEach(p -> prunerOptions.put(p.name(), p.optionNames()));
        return SuiteCatalog.ofNames(Set.of(), Set.copyOf(datasets.names()), samplerOptions.keySet(), prunerOptions.keySet())
                .withSchemas(algorithms.stream().map(AlgorithmSchema::of).toList())
                .withDatasetKinds(kinds)
                .withDatasetSplits(splits)
                .withOptions(samplerOptions, prunerOptions);
    }
}
