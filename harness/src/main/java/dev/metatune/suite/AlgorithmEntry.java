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
 * @param heatmap  the two searched numeric parameters of the report's heat map (x, then y), from the
 *                 entry's {@code plots: {heatmap: [x, y]}}; empty to let the report pick the two
 *                 that vary most
 * @param warmStart earlier studies whose trials the sampler uses as a prior for this entry's studies
 *                  (a study never warms itself: an entry's own study among them is skipped for it)
 */
public record AlgorithmEntry(String label, String name, List<String> datasets, Map<String, Object> fixed,
        Map<String, Distribution> search, List<Map<String, Object>> enqueue, int trials, Budget budget,
        List<String> heatmap, List<WarmStartReference> warmStart) {

    /** An entry with no warm start. */
    public AlgorithmEntry(String label, String name, List<String> datasets, Map<String, Object> fixed,
                          Map<String, Distribution> search, List<Map<String, Object>> enqueue, int trials, Budget budget,
                          List<String> heatmap) {
        this(label, name, datasets, fixed, search, enqueue, trials, budget, heatmap, List.of());
    }

    /** An entry whose report picks its heat map's parameters itself. */
    public AlgorithmEntry(String label, String name, List<String> datasets, Map<String, Object> fixed,
                          Map<String, Distribution> search, List<Map<String, Object>> enqueue, int trials, Budget budget) {
        this(label, name, datasets, fixed, search, enqueue, trials, budget, List.of());
    }

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
        heatmap = List.copyOf(heatmap);
        warmStart = List.copyOf(warmStart);
        if (!heatmap.isEmpty()) {
            if (heatmap.size() != 2 || heatmap.get(0).equals(heatmap.get(1))) {
                throw new IllegalArgumentException("algorithm '" + label + "': heatmap must name two different parameters, got "
                        + heatmap);
            }
            for (String p : heatmap) {
                if (!(search.get(p) instanceof Distribution.FloatRange) && !(search.get(p) instanceof Distribution.IntRange)) {
                    throw new IllegalArgumentException("algorithm '" + label + "': heatmap parameter '" + p
                            + "' is not a numeric searched parameter of " + search.keySet());
                }
            }
        }
    }

    /** Whether this entry runs on the data set named {@code datasetName}. */
    public boolean runsOn(String datasetName) {
        return datasets.isEmpty() || datasets.contains(datasetName);
    }
}
