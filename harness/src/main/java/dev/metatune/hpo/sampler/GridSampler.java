package dev.metatune.hpo.sampler;

import dev.metatune.space.Distribution;
import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Sampler;
import dev.metatune.hpo.Study;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Exhaustive search over a given grid (every combination of the listed values), as Optuna's
 * {@code GridSampler}: each trial takes a combination no trial has taken yet, in a seeded random
 * order, and once every combination has been taken {@link #remainingTrials} is 0, so the worker
 * loop starts no more trials. Which combination trial {@code n} takes is a function of the trials
 * numbered below {@code n} only (numbers are handed out atomically by the storage), so workers that
 * share a study and the seed never take one combination twice. An enqueued trial whose fixed
 * parameters name a whole combination takes that one; a retry of a dead worker's trial keeps the
 * combination of the trial it repeats; a parameter outside the grid is sampled at random. Combinations
 * are numbered over the parameters sorted by name, so every worker numbers them alike.
 */
public final class GridSampler implements Sampler {

    /** System attribute recording which combination a trial took. */
    public static final String GRID_ID = "grid_id";

    /** The most combinations a grid may have. */
    public static final int MAX_SIZE = 1 << 20;

    private final Map<String, List<Object>> grid;
    private final List<String> names;
    private final int size;
    private final int[] order;
    private final RandomSampler fallback;

    /** @param grid the values of each parameter (each list non-empty) */
    public GridSampler(Map<String, ? extends List<?>> grid, long seed) {
        if (grid == null || grid.isEmpty()) {
            throw new IllegalArgumentException("grid needs at least one parameter with values, got " + grid);
        }
        // by name: a combination's number must mean the same in every worker process, whatever the
        // iteration order of the map it was given (Map.of's order differs from one JVM to the next)
        Map<String, List<Object>> copy = new java.util.TreeMap<>();
        long n = 1;
        for (Map.Entry<String, ? extends List<?>> e : grid.entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                throw new IllegalArgumentException("grid parameter '" + e.getKey() + "' needs at least one value, got "
                        + e.getValue());
            }
            copy.put(e.getKey(), List.copyOf(e.getValue()));
            n *= e.getValue().size();
            if (n > MAX_SIZE) {
                throw new IllegalArgumentException("grid has more than " + MAX_SIZE + " combinations: " + copy.keySet()
                        + " give at least " + n);
            }
        }
        this.grid = copy;
        this.names = List.copyOf(copy.keySet());
        this.size = (int) n;
        this.order = shuffled(size, new MersenneTwister(seed));
        this.fallback = new RandomSampler(seed ^ 0x9E3779B97F4A7C15L);
    }

    /** A grid over distributions: every choice and integer (at most {@code points} evenly spread), {@code points} floats. */
    public static Map<String, List<Object>> fromDistributions(Map<String, Distribution> space, int points) {
        if (points < 1) {
            throw new IllegalArgumentException("points must be >= 1, got " + points);
        }
        Map<String, List<Object>> out = new LinkedHashMap<>();
        space.forEach((name, d) -> {
            if (d instanceof Distribution.Categorical c) {
                out.put(name, c.choices());
            } else {
                Set<Object> values = new java.util.LinkedHashSet<>();
                for (int i = 0; i < points; i++) {
                    double u = points == 1 ? 0.5 : (double) i / (points - 1);
                    double[] b = UnitScale.bounds(d);
                    double x = UnitScale.isLog(d) ? Math.exp(b[0] + u * (b[1] - b[0])) : b[0] + u * (b[1] - b[0]);
                    values.add(d.toExternal(x));
                }
                out.put(name, new ArrayList<>(values));
            }
        });
        return out;
    }

    /** The number of combinations. */
    public int size() {
        return size;
    }

    /** The values of combination {@code id}. */
    public Map<String, Object> combination(int id) {
        Map<String, Object> out = new LinkedHashMap<>();
        int rest = id;
        for (int i = names.size() - 1; i >= 0; i--) {
            List<Object> values = grid.get(names.get(i));
            out.put(names.get(i), values.get(rest % values.size()));
            rest /= values.size();
        }
        return out;
    }

    private static int[] shuffled(int n, RandomGenerator rng) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    @Override
    public void beforeTrial(Study study, FrozenTrial trial) {
        if (trial.systemAttrs().containsKey(GRID_ID)) {
            return;
        }
        List<FrozenTrial> all = study.trials();
        Integer id;
        if (trial.systemAttrs().get(Study.RETRY_OF) instanceof Number of) {
            id = all.stream().filter(t -> t.number() == of.intValue()).findFirst()
                    .map(t -> t.systemAttrs().get(GRID_ID) instanceof Number g ? g.intValue() : null).orElse(null);
        } else {
            Assignment a = new Assignment();
            all.stream().filter(t -> t.number() < trial.number()).forEach(a::add);
            id = a.take(trial);
            if (id == null) {
                id = order[trial.number() % size]; // every combination taken (the caller set no limit): repeat one
            }
        }
        if (id != null) {
            study.storage().setTrialSystemAttr(trial.trialId(), GRID_ID, id);
        }
    }

    /** The combinations not yet taken by any trial in {@code trials}. */
    @Override
    public long remainingTrials(Study study, List<FrozenTrial> trials) {
        Assignment a = new Assignment();
        trials.forEach(a::add);
        return size - a.taken.size();
    }

    /**
     * Which combinations the trials take, folded in trial-number order: a trial keeps the combination
     * stored on it, an enqueued trial naming a whole combination takes it, any other trial takes the
     * first combination of the seeded order not taken before it; retries take none of their own.
     */
    private final class Assignment {
        final Set<Integer> taken = new HashSet<>();
        int cursor;

        void add(FrozenTrial t) {
            if (t.systemAttrs().containsKey(Study.RETRY_OF)) {
                return;
            }
            Integer id = t.systemAttrs().get(GRID_ID) instanceof Number g ? g.intValue() : take(t);
            if (id != null) {
                taken.add(id);
            }
        }

        /** The combination {@code t} takes after the trials added so far, or null when none is left. */
        Integer take(FrozenTrial t) {
            Integer named = namedCombination(t);
            if (named != null) {
                return named;
            }
            while (cursor < size && taken.contains(order[cursor])) {
                cursor++;
            }
            return cursor < size ? order[cursor] : null;
        }
    }

    /** The combination whose every value an enqueued trial fixes, if it fixes one. */
    private Integer namedCombination(FrozenTrial t) {
        if (!(t.systemAttrs().get(Study.FIXED_PARAMS) instanceof Map<?, ?> fixed)) {
            return null;
        }
        int id = 0;
        for (String name : names) {
            List<Object> values = grid.get(name);
            int index = indexOf(values, fixed.get(name));
            if (index < 0) {
                return null;
            }
            id = id * values.size() + index;
        }
        return id;
    }

    private static int indexOf(List<Object> values, Object value) {
        if (value == null) {
            return -1;
        }
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v.equals(value) || (v instanceof Number a && value instanceof Number b && a.doubleValue() == b.doubleValue()
                    && !(v instanceof Boolean))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public double sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        Object id = study.storage().trial(trial.trialId()).systemAttrs().get(GRID_ID);
        if (id instanceof Number n && grid.containsKey(name)) {
            Object value = combination(n.intValue()).get(name);
            if (!distribution.contains(value)) {
                throw new IllegalArgumentException("grid value '" + value + "' of parameter '" + name
                        + "' lies outside " + distribution);
            }
            return distribution.toInternal(value);
        }
        return fallback.sampleIndependent(study, trial, name, distribution);
    }

}
