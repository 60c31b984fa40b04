package dev.metatune.hpo.importance;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.StudyDirection;
import dev.metatune.hpo.TrialState;
import dev.metatune.space.Distribution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an importance evaluator sees of a study, as Optuna builds it: the COMPLETE trials with a
 * finite value, and the parameters that every one of them searched with the same distribution and
 * more than one possible value (Optuna's intersection search space), in the order of the first
 * trial; values as losses (smaller is better), parameters as internal values.
 *
 * @param names   the parameters, in order
 * @param space   their distributions, in the same order
 * @param values  one row per trial, internal parameter values in the order of {@code names}
 * @param losses  one per trial: the value, negated for a maximised study
 */
public record ImportanceInput(List<String> names, List<Distribution> space, double[][] values, double[] losses) {

    public ImportanceInput {
        names = List.copyOf(names);
        space = List.copyOf(space);
        if (names.size() != space.size()) {
            throw new IllegalArgumentException("names " + names + " and space " + space + " must have the same size");
        }
        if (values.length != losses.length) {
            throw new IllegalArgumentException("values (" + values.length + " rows) and losses (" + losses.length
                    + ") must have one entry per trial");
        }
        for (double[] row : values) {
            if (row.length != names.size()) {
                throw new IllegalArgumentException("a row of values has " + row.length + " entries, expected " + names.size());
            }
        }
        values = Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
        losses = losses.clone();
    }

    /** The input of the COMPLETE {@code trials} of a study that goes in {@code direction}. */
    public static ImportanceInput of(List<FrozenTrial> trials, StudyDirection direction) {
        return of(trials, direction, false);
    }

    /**
     * The input of {@code trials} of a study that goes in {@code direction}: the COMPLETE ones and,
     * with {@code withPruned}, the PRUNED ones too, each with its value (a pruned trial's is its last
     * intermediate value, as {@link dev.metatune.hpo.Study#tell} stores it).
     */
    public static ImportanceInput of(List<FrozenTrial> trials, StudyDirection direction, boolean withPruned) {
        List<FrozenTrial> done = new ArrayList<>();
        for (FrozenTrial t : trials) {
            boolean kind = t.state() == TrialState.COMPLETE || withPruned && t.state() == TrialState.PRUNED;
            if (kind && t.value() != null && Double.isFinite(t.value())) {
                done.add(t);
            }
        }
        Map<String, Distribution> common = new LinkedHashMap<>();
        if (!done.isEmpty()) {
            common.putAll(done.get(0).distributions());
            for (FrozenTrial t : done) {
                common.entrySet().removeIf(e -> !e.getValue().equals(t.distributions().get(e.getKey())));
            }
            common.values().removeIf(Distribution::isSingle);
        }
        List<String> names = List.copyOf(common.keySet());
        double[][] values = new double[done.size()][names.size()];
        double[] losses = new double[done.size()];
        for (int i = 0; i < done.size(); i++) {
            FrozenTrial t = done.get(i);
            for (int j = 0; j < names.size(); j++) {
                values[i][j] = t.internalParam(names.get(j));
            }
            losses[i] = direction.toLoss(t.value());
        }
        return new ImportanceInput(names, List.copyOf(common.values()), values, losses);
    }

    /** The number of trials. */
    public int size() {
        return losses.length;
    }

    @Override
    public double[][] values() {
        return Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
    }

    @Override
    public double[] losses() {
        return losses.clone();
    }

    /**
     * {@code raw} scaled to sum to one, keyed by {@link #names()}; all NaN (not measurable: the trials
     * cannot tell the parameters apart) when it sums to zero.
     */
    Map<String, Double> normalised(double[] raw) {
        double sum = 0;
        for (double r : raw) {
            sum += Math.max(0, r);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < names.size(); j++) {
            out.put(names.get(j), sum > 0 ? Math.max(0, raw[j]) / sum : Double.NaN);
        }
        return out;
    }
}
