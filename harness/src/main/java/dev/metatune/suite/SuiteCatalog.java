package dev.metatune.suite;

import dev.metatune.task.TaskKind;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names a suite is checked against, as the command line gets them from the registries: the
 * registered algorithms, data sets, samplers and pruners, plus what is known in more detail.
 *
 * @param algorithms     registered algorithm names
 * @param datasets       registered data set names
 * @param samplers       the HPO engine's sampler names
 * @param pruners        the HPO engine's pruner names
 * @param schemas        by algorithm name, where known: kinds and hyperparameters, used to check
 *                       {@code fixed}, {@code search} and {@code enqueue} keys and types and which
 *                       data sets an algorithm can run on; an algorithm without one is checked by
 *                       name only
 * @param datasetKinds   by data set name, where known: classification or regression, used to check
 *                       {@code ways} (at least 2, or exactly 1 for regression) and fallbacks; a data
 *                       set without one gets {@code ways >= 1}, and the data set checks the rest
 *                       when it is opened
 * @param datasetSplits  by data set name, where known: its split names, to check {@code splits}
 * @param samplerOptions by sampler name, where known: the option names it takes; the values are
 *                       checked by the HPO engine when it builds the sampler
 * @param prunerOptions  by pruner name, where known: the option names it takes
 */
public record SuiteCatalog(Set<String> algorithms, Set<String> datasets, Set<String> samplers, Set<String> pruners,
        Map<String, AlgorithmSchema> schemas, Map<String, TaskKind> datasetKinds, Map<String, List<String>> datasetSplits,
        Map<String, Set<String>> samplerOptions, Map<String, Set<String>> prunerOptions) {

    public SuiteCatalog {
        algorithms = Set.copyOf(algorithms);
        datasets = Set.copyOf(datasets);
        samplers = Set.copyOf(samplers);
        pruners = Set.copyOf(pruners);
        schemas = Map.copyOf(schemas);
        datasetKinds = Map.copyOf(datasetKinds);
        datasetSplits = Map.copyOf(datasetSplits);
        samplerOptions = Map.copyOf(samplerOptions);
        prunerOptions = Map.copyOf(prunerOptions);
        for (String name : schemas.keySet()) {
            if (!algorithms.contains(name)) {
                throw new IllegalArgumentException("schema for algorithm '" + name + "', which is not among "
                        + Names.list(algorithms));
            }
        }
    }

    /** A catalog of names only. */
    public static SuiteCatalog ofNames(Set<String> algorithms, Set<String> datasets, Set<String> samplers,
            Set<String> pruners) {
        return new SuiteCatalog(algorithms, datasets, samplers, pruners, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** This catalog with the given algorithm schemas (their names join the algorithm names). */
    public SuiteCatalog withSchemas(Iterable<AlgorithmSchema> more) {
        Set<String> names = new java.util.HashSet<>(algorithms);
        Map<String, AlgorithmSchema> all = new java.util.HashMap<>(schemas);
        for (AlgorithmSchema s : more) {
            names.add(s.name());
            all.put(s.name(), s);
        }
        return new SuiteCatalog(names, datasets, samplers, pruners, all, datasetKinds, datasetSplits, samplerOptions,
                prunerOptions);
    }

    /** This catalog with the given data set kinds. */
    public SuiteCatalog withDatasetKinds(Map<String, TaskKind> kinds) {
        Map<String, TaskKind> all = new java.util.HashMap<>(datasetKinds);
        all.putAll(kinds);
        return new SuiteCatalog(algorithms, datasets, samplers, pruners, schemas, all, datasetSplits, samplerOptions,
                prunerOptions);
    }

    /** This catalog with more data set names. */
    public SuiteCatalog withDatasets(java.util.Collection<String> more) {
        Set<String> all = new java.util.HashSet<>(datasets);
        all.addAll(more);
        return new SuiteCatalog(algorithms, all, samplers, pruners, schemas, datasetKinds, datasetSplits, samplerOptions,
                prunerOptions);
    }

    /** This catalog with the given data sets' split names. */
    public SuiteCatalog withDatasetSplits(Map<String, List<String>> splits) {
        Map<String, List<String>> all = new java.util.HashMap<>(datasetSplits);
        all.putAll(splits);
        return new SuiteCatalog(algorithms, datasets, samplers, pruners, schemas, datasetKinds, all, samplerOptions,
                prunerOptions);
    }

    /** This catalog with the option names of samplers and pruners. */
    public SuiteCatalog withOptions(Map<String, Set<String>> samplerOptionNames, Map<String, Set<String>> prunerOptionNames) {
        return new SuiteCatalog(algorithms, datasets, samplers, pruners, schemas, datasetKinds, datasetSplits, samplerOptionNames,
                prunerOptionNames);
    }
}
