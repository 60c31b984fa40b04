package dev.metatune.hpo;

import dev.metatune.space.Distribution;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable snapshot of one trial, as Optuna's {@code FrozenTrial}: its number (consecutive per
 * study from 0), state, final value (null unless COMPLETE, or PRUNED with a last intermediate
 * value), parameters with their distributions, intermediate values by step (with optional
 * per-instance values, e.g. per-episode accuracies), attributes and the reason it failed.
 *
 * @param trialId        the storage's id, unique across studies
 * @param number         the trial's number in its study
 * @param state          its state
 * @param value          its objective value, or null
 * @param params         parameter values as the objective saw them
 * @param distributions  the distribution each parameter was drawn from
 * @param intermediateValues reported values by step
 * @param instanceValues per-instance values by step, for the steps that reported them
 * @param userAttrs      attributes set by the user
 * @param systemAttrs    attributes set by samplers, pruners and the study
 * @param failReason     why the trial failed, or null
 * @param start          when it started running, or null while WAITING
 * @param complete       when it finished, or null
 */
public record FrozenTrial(long trialId, int number, TrialState state, Double value, Map<String, Object> params,
        Map<String, Distribution> distributions, NavigableMap<Long, Double> intermediateValues,
        Map<Long, List<Double>> instanceValues, Map<String, Object> userAttrs, Map<String, Object> systemAttrs,
        String failReason, Instant start, Instant complete) {

    public FrozenTrial {
        Objects.requireNonNull(state, "state");
        if (number < 0) {
            throw new IllegalArgumentException("trial number must be >= 0, got " + number);
        }
        if (state == TrialState.COMPLETE && value == null) {
            throw new IllegalArgumentException("a COMPLETE trial needs a value (trial " + number + ")");
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        distributions = Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
        if (!params.keySet().equals(distributions.keySet())) {
            throw new IllegalArgumentException("params " + params.keySet() + " and distributions "
                    + distributions.keySet() + " must name the same parameters (trial " + number + ")");
        }
        intermediateValues = Collections.unmodifiableNavigableMap(new TreeMap<>(intermediateValues));
        Map<Long, List<Double>> inst = new TreeMap<>();
        instanceValues.forEach((k, v) -> inst.put(k, List.copyOf(v)));
        instanceValues = Collections.unmodifiableMap(inst);
        userAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(userAttrs));
        systemAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(systemAttrs));
    }

    /** The internal (sampler-side) value of parameter {@code name}; see {@link Distribution#toInternal}. */
    public double internalParam(String name) {
        Distribution d = distributions.get(name);
        if (d == null) {
            throw new IllegalArgumentException("trial " + number + " has no parameter '" + name + "'");
        }
        return d.toInternal(params.get(name));
    }

    /** The largest step with an intermediate value, or null when none was reported. */
    public Long lastStep() {
        return intermediateValues.isEmpty() ? null : intermediateValues.lastKey();
    }
}
