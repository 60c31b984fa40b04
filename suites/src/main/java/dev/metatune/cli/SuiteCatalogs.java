package dev.metatune.cli;

import dev.metatune.data.DataException;
import dev.metatune.data.DataOptions;
import dev.metatune.data.DatasetProvider;
import dev.metatune.data.DatasetRegistry;
import dev.metatune.hpo.PrunerFactory;
import dev.metatune.hpo.SamplerFactory;
import dev.metatune.learner.AlgorithmProvider;
import dev.metatune.learner.AlgorithmRegistry;
import dev.metatune.suite.AlgorithmSchema;
import dev.metatune.suite.SuiteCatalog;
import dev.metatune.task.TaskKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The catalog suites are checked against on the command line: what the registries hold. */
final class SuiteCatalogs {

    /** The HPO engine's registered samplers. */
    static final Set<String> SAMPLERS = Set.copyOf(SamplerFactory.names());
    /** The HPO engine's registered pruners. */
    static final Set<String> PRUNERS = Set.copyOf(PrunerFactory.names());

    private SuiteCatalogs() {
    }

    /**
     * Algorithms with their schemas from {@link AlgorithmRegistry#fromServiceLoader()}, data sets from
     * {@link DatasetRegistry#fromServiceLoader()} with the kind of each one that opens without its files
     * being read (a data set whose files are absent keeps an unknown kind and is checked when it is opened).
     */
    static SuiteCatalog fromRegistries() {
        List<AlgorithmProvider> algorithms = AlgorithmRegistry.fromServiceLoader().all();
        DatasetRegistry datasets = DatasetRegistry.fromServiceLoader();
        DataOptions options = new DataOptions(DataOptions.defaultDataRoot(), DataOptions.defaultCacheDir(), 0, false);
        Map<String, TaskKind> kinds = new HashMap<>();
        for (DatasetProvider p : datasets.all()) {
            try {
                kinds.put(p.name(), p.open(options).kind());
            } catch (DataException absent) {
                // files absent here: the kind stays unknown, and the runner checks the settings on opening
                continue;
            }
        }
        return SuiteCatalog.ofNames(Set.of(), Set.copyOf(datasets.names()), SAMPLERS, PRUNERS)
                .withSchemas(algorithms.stream().map(AlgorithmSchema::of).toList())
                .withDatasetKinds(kinds);
    }
}
