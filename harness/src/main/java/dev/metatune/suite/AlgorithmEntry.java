package dev.metatune.suite;

import dev.metatune.space.Distribution;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One algorithm of a suite: what is fixed, what is searched, which configurations are tried first.
 *
 * @param label    the entry's name in studies and reports; the algorithm name unless the suite
 *                 gives a {@code label} (to run one algorithm twice on a data set with different
 *                 fixed values); one label may appear in several entries on disjoint data sets
 * @param name     the registered algorithm name, e.g. {@code maml}
 * @param datasets the data sets this entry runs on (names); empty for all of the suite's
 * @param fixed    hyperparameters held constant, over the algorithm's defaults
 * @param search   hyperparameters the sampler searches, in file order
 * @param enqueue  configurations tried first (e.g. the paper's), each a subset of {@code search}
 *                 with values inside its distributions
 * @param trials   trials per study of this entry (see {@link Suite#studies()})
 * @param budget   this entry's budget: the suite's, with the entry's own {@code budget:} on top
 */
public record AlgorithmEntry(String label, String name, List<String> datasets, Map<String, Object> fixed,
        Map<String, Distribution> search, List<Map<String, Object>> enqueue, int trials, Budget budget) {

    public AlgorithmEntry {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(budget, "budget");
        datasets = List.copyOf(datasets);
        fixed = Collections.unmodifiableMap(new TreeMap<>(fixed));
        search = Collections.unmodifiableMap(new LinkedHashMap<>(search));
        enqueue = enqueue.stream().map(m -> Collections.unmodifiableMap(new TreeMap<>(m))).toList();
        if (trials < 1) {
            throw new IllegalArgumentException("algorithm '" + label + "': trials must be >= 1, got " + trials);
        }
        if (enqueue.size() > trials) {
            throw new IllegalArgumentException("algorithm '" + label + "': " + enqueue.size()
                    + " enqueued configurations exceed its " + trials + " trials");
        }
        for (String key : fixed.keySet()) {
            if (search.containsKey(key)) {
                throw new IllegalArgumentException("algorithm '" + label + "': '" + key + "' is both fixed and searched");
            }
        }
    }

    /** Whether this entry runs on the data set named {@code datasetName}. */
    public boolean runsOn(String datasetName) {
        return datasets.isEmpty() || datasets.contains(datasetName);
    }
}
