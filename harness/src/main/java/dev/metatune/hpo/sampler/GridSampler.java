package dev.metatune.hpo.sampler;

import dev.metatune.space.Distribution;
import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Sampler;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.TrialState;
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
 * {@code GridSampler}: each trial takes a combination no trial has taken yet (in seeded random
 * order, so workers that share a study rarely collide), and once every combination has been taken
 * the study is stopped. A parameter outside the grid is sampled at random.
 */
public final class GridSampler implements Sampler {

    /** System attribute recording which combination a trial took. */
    public static final String GRID_ID = "grid_id";

    private final Map<String, List<Object>> grid;
    private final List<String> names;
    private final int size;
    private final RandomGenerator rng;
    private final RandomSampler fallback;

    /** @param grid the values of each parameter (each list non-empty) */
    public GridSampler(Map<String, ? extends List<?>> grid, long seed) {
        if (grid == null || grid.isEmpty()) {
            throw new IllegalArgumentException("grid needs at least one parameter with values, got " + grid);
        }
        Map<String, List<Object>> copy = new LinkedHashMap<>();
        long n = 1;
        for (Map.Entry<String, ? extends List<?>> e : grid.entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                throw new IllegalArgumentException("grid parameter '" + e.getKey() + "' needs at least one value, got "
                        + e.getValue());
            }
            copy.put(e.getKey(), List.copyOf(e.getValue()));
            n *= e.getValue().size();
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("grid has more than " + Integer.MAX_VALUE + " combinations");
            }
        }
        this.grid = copy;
        this.names = List.copyOf(copy.keySet());
        this.size = (int) n;
        this.rng = new MersenneTwister(seed);
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

    @Override
    public void beforeTrial(Study study, FrozenTrial trial) {
        if (trial.systemAttrs().containsKey(GRID_ID)) {
            return;
        }
        Set<Integer> taken = takenIds(study.trials());
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (!taken.contains(i)) {
                free.add(i);
            }
        }
        int id = free.isEmpty() ? rng.nextInt(size) : free.get(rng.nextInt(free.size()));
        study.storage().setTrialSystemAttr(trial.trialId(), GRID_ID, id);
        if (free.size() <= 1) {
            study.stop();
        }
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

    @Override
    public void afterTrial(Study study, FrozenTrial trial) {
        List<FrozenTrial> trials = study.trials();
        Set<Integer> done = new HashSet<>();
        for (FrozenTrial t : trials) {
            if (t.state().isFinished() && t.systemAttrs().get(GRID_ID) instanceof Number n) {
                done.add(n.intValue());
            }
        }
        if (takenIds(trials).size() >= size || done.size() >= size) {
            study.stop();
        }
    }

    private static Set<Integer> takenIds(List<FrozenTrial> trials) {
        Set<Integer> taken = new HashSet<>();
        for (FrozenTrial t : trials) {
            if (t.state() != TrialState.WAITING && t.systemAttrs().get(GRID_ID) instanceof Number n) {
                taken.add(n.intValue());
            }
        }
        return taken;
    }
}
