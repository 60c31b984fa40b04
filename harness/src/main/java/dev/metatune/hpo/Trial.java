package dev.metatune.hpo;

import dev.metatune.space.Distribution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A running trial, as Optuna's {@code Trial}: the objective draws its parameters with
 * {@code suggest*} (a parameter may be suggested only on some branch: conditional search spaces
 * need nothing more), reports intermediate values and asks whether to stop. Suggesting a
 * parameter twice returns the same value. Values of an enqueued trial's fixed parameters win over
 * the sampler's. Once this worker's heartbeat has failed, every method that writes to the storage
 * (and {@link #shouldPrune()}) throws {@link HeartbeatFailedException}: the objective stops promptly.
 */
public final class Trial {

    private final Study study;
    private final FrozenTrial started;
    private final Map<String, Distribution> relativeSpace;
    private final Map<String, Double> relativeParams;
    private final Map<String, Object> fixedParams;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final Map<String, Distribution> distributions = new LinkedHashMap<>();
    private final TreeMap<Long, Double> intermediate = new TreeMap<>();

    Trial(Study study, FrozenTrial started, Map<String, Distribution> relativeSpace, Map<String, Double> relativeParams) {
        this.study = study;
        this.started = started;
        this.relativeSpace = Map.copyOf(relativeSpace);
        this.relativeParams = Map.copyOf(relativeParams);
        Object fixed = started.systemAttrs().get(Study.FIXED_PARAMS);
        Map<String, Object> f = new LinkedHashMap<>();
        if (fixed instanceof Map<?, ?> m) {
            m.forEach((k, v) -> f.put(String.valueOf(k), v));
        }
        this.fixedParams = f;
        params.putAll(started.params());
        distributions.putAll(started.distributions());
        intermediate.putAll(started.intermediateValues());
    }

    public int number() {
        return started.number();
    }

    public long trialId() {
        return started.trialId();
    }

    Study study() {
        return study;
    }

    /** The parameters suggested so far. */
    public Map<String, Object> params() {
        return Map.copyOf(params);
    }

    /** A float in [low, high], uniform on a linear scale. */
    public double suggestFloat(String name, double low, double high) {
        return suggestFloat(name, low, high, false, 0);
    }

    /** A float in [low, high], on a log scale when {@code log}. */
    public double suggestFloat(String name, double low, double high, boolean log) {
        return suggestFloat(name, low, high, log, 0);
    }

    /** A float in [low, high], on a log scale when {@code log}, a multiple of {@code step} above low when step > 0. */
    public double suggestFloat(String name, double low, double high, boolean log, double step) {
        return ((Number) suggest(name, new Distribution.FloatRange(low, high, log, step))).doubleValue();
    }

    /** An integer in [low, high]. */
    public int suggestInt(String name, int low, int high) {
        return suggestInt(name, low, high, 1, false);
    }

    /** An integer in [low, high], a multiple of {@code step} above low, on a log scale when {@code log}. */
    public int suggestInt(String name, int low, int high, int step, boolean log) {
        return Math.toIntExact(suggestLong(name, low, high, step, log));
    }

    /** A long in [low, high], a multiple of {@code step} above low, on a log scale when {@code log}. */
    public long suggestLong(String name, long low, long high, long step, boolean log) {
        return ((Number) suggest(name, new Distribution.IntRange(low, high, step, log))).longValue();
    }

    /** One of {@code choices} (strings, numbers or booleans). */
    public <T> T suggestCategorical(String name, List<T> choices) {
        Distribution.Categorical d = new Distribution.Categorical(List.copyOf(choices));
        Object v = suggest(name, d);
        return choices.get((int) d.toInternal(v));
    }

    /** A value from any distribution, in its external form. */
    public Object suggest(String name, Distribution distribution) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(distribution, "distribution");
        study.requireHeartbeat();
        Distribution previous = distributions.get(name);
        if (previous != null) {
            if (!previous.equals(distribution)) {
                throw new IllegalArgumentException("parameter '" + name + "' was suggested from " + previous
                        + " in trial " + number() + "; cannot suggest it again from " + distribution);
            }
            return params.get(name);
        }
        double internal;
        if (fixedParams.containsKey(name)) {
            Object fixed = fixedParams.get(name);
            if (!distribution.contains(fixed)) {
                throw new IllegalArgumentException("enqueued value '" + fixed + "' of parameter '" + name
                        + "' lies outside " + distribution + " (trial " + number() + ")");
            }
            internal = distribution.toInternal(fixed);
        } else if (distribution.isSingle()) {
            internal = distribution.toInternal(distribution.toExternal(lowestInternal(distribution)));
        } else if (relativeParams.containsKey(name) && distribution.equals(relativeSpace.get(name))) {
            internal = relativeParams.get(name);
        } else {
            internal = study.sampler().sampleIndependent(study, snapshot(), name, distribution);
        }
        Object external = distribution.toExternal(internal);
        study.storage().setTrialParam(trialId(), name, distribution, distribution.toInternal(external));
        params.put(name, external);
        distributions.put(name, distribution);
        return external;
    }

    private static double lowestInternal(Distribution d) {
        if (d instanceof Distribution.FloatRange f) {
            return f.low();
        }
        if (d instanceof Distribution.IntRange i) {
            return i.low();
        }
        return 0;
    }

    /** Reports the objective's value at {@code step} (e.g. validation accuracy after that many steps). */
    public void report(long step, double value) {
        report(step, value, null);
    }

    /**
     * Reports the value at {@code step} with the per-instance values it averages (e.g. the accuracy
     * on each validation episode), which the Wilcoxon pruner compares pairwise with the best trial's.
     */
    public void report(long step, double value, double[] instanceValues) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        study.requireHeartbeat();
        study.storage().setTrialIntermediateValue(trialId(), step, value,
                instanceValues == null ? null : instanceValues.clone());
        intermediate.put(step, value);
    }

    /** Whether the study's pruner would stop this trial now; the objective then throws {@link TrialPrunedException}. */
    public boolean shouldPrune() {
        study.requireHeartbeat();
        return study.pruner().prune(study, study.storage().trial(trialId()));
    }

    public void setUserAttr(String key, Object value) {
        study.requireHeartbeat();
        study.storage().setTrialUserAttr(trialId(), key, value);
    }

    /** This trial as it stands, from what this process knows (no storage round trip). */
    public FrozenTrial snapshot() {
        return new FrozenTrial(started.trialId(), started.number(), TrialState.RUNNING, null, params, distributions,
                intermediate, Map.of(), Map.of(), started.systemAttrs(), null, started.start(), null);
    }
}
