package dev.metatune.hpo;

import dev.metatune.space.Distribution;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Trials of earlier, finished studies that a study's sampler may use as a prior (a warm start):
 * never trials of this study, never stored in it, never counted against its budget. Each source
 * study's COMPLETE trials are kept with their values rank-normalised within that source (a quantile
 * in (0, 1), smaller is better, whatever the source's direction or scale), as in quantile-based
 * transfer (Salinas, Shen and Perrone 2020, "A quantile-based approach for hyperparameter transfer
 * learning", ICML), so sources whose objectives differ in scale can be combined. Only the parameters
 * this study searches are kept, with this study's distributions, and only values inside them; an
 * observation left with no parameter is dropped.
 *
 * @param sources one per earlier study, in the order the suite names them
 */
public record PriorTrials(List<Source> sources) {

    /** No prior: a cold start. */
    public static final PriorTrials NONE = new PriorTrials(List.of());

    public PriorTrials {
        sources = List.copyOf(sources);
    }

    /**
     * One earlier trial as the prior sees it.
     *
     * @param params        external values of the parameters this study searches (a subset of them)
     * @param distributions this study's distribution of each of them
     * @param quantile      the trial's rank in its source, (rank + 0.5) / n with rank 0 the best
     */
    public record Observation(Map<String, Object> params, Map<String, Distribution> distributions, double quantile) {
        public Observation {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
            distributions = Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
            if (!params.keySet().equals(distributions.keySet()) || params.isEmpty()) {
                throw new IllegalArgumentException("an observation needs the same, non-empty parameters in params "
                        + params.keySet() + " and distributions " + distributions.keySet());
            }
            if (!(quantile > 0 && quantile < 1)) {
                throw new IllegalArgumentException("quantile must be in (0, 1), got " + quantile);
            }
        }

        /** The internal value of {@code name}, by this study's distribution. */
        public double internalParam(String name) {
            Distribution d = distributions.get(name);
            if (d == null) {
                throw new IllegalArgumentException("the prior observation has no parameter '" + name + "'");
            }
            return d.toInternal(params.get(name));
        }

        /** Whether it has every parameter of {@code space} with the same distribution. */
        public boolean covers(Map<String, Distribution> space) {
            for (Map.Entry<String, Distribution> e : space.entrySet()) {
                if (!e.getValue().equals(distributions.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * One earlier study's observations.
     *
     * @param study        its name, as the report shows it
     * @param observations its complete trials, best first
     */
    public record Source(String study, List<Observation> observations) {
        public Source {
            Objects.requireNonNull(study, "study");
            observations = List.copyOf(observations);
        }
    }

    /**
     * The source made of {@code trials} of study {@code study} (which went in {@code direction}),
     * restricted to {@code space}, the parameters this study searches.
     */
    public static Source source(String study, List<FrozenTrial> trials, StudyDirection direction,
            Map<String, Distribution> space) {
        List<FrozenTrial> complete = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.COMPLETE && Double.isFinite(t.value())) {
                complete.add(t);
            }
        }
        complete.sort(Comparator.comparingDouble((FrozenTrial t) -> direction.toLoss(t.value()))
                .thenComparingInt(FrozenTrial::number));
        List<Observation> out = new ArrayList<>();
        int n = complete.size();
        for (int rank = 0; rank < n; rank++) {
            FrozenTrial t = complete.get(rank);
            Map<String, Object> params = new LinkedHashMap<>();
            Map<String, Distribution> dists = new LinkedHashMap<>();
            for (Map.Entry<String, Distribution> e : space.entrySet()) {
                Object v = t.params().get(e.getKey());
                if (v != null && e.getValue().contains(v)) {
                    params.put(e.getKey(), v);
                    dists.put(e.getKey(), e.getValue());
                }
            }
            if (!params.isEmpty()) {
                out.add(new Observation(params, dists, (rank + 0.5) / n));
            }
        }
        return new Source(study, out);
    }

    /** Whether there is no observation at all. */
    public boolean isEmpty() {
        return sources.stream().allMatch(s -> s.observations().isEmpty());
    }

    /** Every source's observations that cover {@code space}, by source. */
    public List<List<Observation>> covering(Map<String, Distribution> space) {
        List<List<Observation>> out = new ArrayList<>();
        for (Source s : sources) {
            out.add(s.observations().stream().filter(o -> o.covers(space)).toList());
        }
        return out;
    }

    /** The parameters (with distributions) that every observation has: the space a prior alone can model. */
    public Map<String, Distribution> sharedSpace() {
        Map<String, Distribution> shared = null;
        for (Source s : sources) {
            for (Observation o : s.observations()) {
                if (shared == null) {
                    shared = new LinkedHashMap<>(o.distributions());
                } else {
                    shared.entrySet().removeIf(e -> !e.getValue().equals(o.distributions().get(e.getKey())));
                }
            }
        }
        if (shared == null) {
            return Map.of();
        }
        shared.values().removeIf(Distribution::isSingle);
        return shared;
    }
}
