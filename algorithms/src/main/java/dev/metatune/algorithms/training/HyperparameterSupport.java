package dev.metatune.algorithms.training;

import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import dev.metatune.space.Domain;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Shared checks of hyperparameter values: defaults, unknown names, values outside their declared
 * domains and ranges, with messages naming the field, the value and what is allowed.
 */
public final class HyperparameterSupport {

    private HyperparameterSupport() {
    }

    /**
     * Defaults of {@code specs} with {@code given} on top; a name not in {@code specs} or a value
     * outside its domain is an error (see {@link #check}).
     */
    public static Hyperparameters resolve(List<HyperparameterSpec> specs, Hyperparameters given, String algorithm) {
        check(specs, given, algorithm);
        return defaults(specs).with(given);
    }

    /**
     * Refuses a name in {@code given} that no spec declares (listing the known ones) and a value
     * outside its spec's domain (naming the field, the value and the domain), so that a learner is
     * never built from a value its declaration does not allow.
     */
    public static void check(List<HyperparameterSpec> specs, Hyperparameters given, String algorithm) {
        Map<String, HyperparameterSpec> known = new LinkedHashMap<>();
        for (HyperparameterSpec s : specs) {
            known.put(s.name(), s);
        }
        for (Map.Entry<String, Object> e : given.asMap().entrySet()) {
            HyperparameterSpec spec = known.get(e.getKey());
            if (spec == null) {
                throw new IllegalArgumentException("unknown hyperparameter '" + e.getKey() + "' for " + algorithm
                        + "; known: " + String.join(", ", new TreeSet<>(known.keySet())));
            }
            if (!spec.domain().contains(e.getValue())) {
                throw new IllegalArgumentException("hyperparameter '" + e.getKey() + "' of " + algorithm + " must be "
                        + spec.domain().describe() + ", got '" + e.getValue() + "'");
            }
        }
    }

    /**
     * Whole numbers from {@code low} to {@link Integer#MAX_VALUE}: the domain of an {@code int}
     * setting with a lower bound (a larger number cannot be read as one).
     */
    public static Domain.Integer intsFrom(int low) {
        return Domain.Integer.between(low, Integer.MAX_VALUE);
    }

    /** The defaults of {@code specs}. */
    public static Hyperparameters defaults(List<HyperparameterSpec> specs) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (HyperparameterSpec s : specs) {
            defaults.put(s.name(), s.defaultValue());
        }
        return Hyperparameters.of(defaults);
    }

    /** The integer {@code name}, which must be at least {@code min}. */
    public static int intAtLeast(Hyperparameters h, String name, int min) {
        int v = h.getInt(name);
        if (v < min) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' must be at least " + min + ", got " + v);
        }
        return v;
    }

    /** The number {@code name}, which must be finite and positive. */
    public static double positive(Hyperparameters h, String name) {
        double v = h.getDouble(name);
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' must be finite and > 0, got " + v);
        }
        return v;
    }

    /** The number {@code name}, which must be finite and non-negative. */
    public static double nonNegative(Hyperparameters h, String name) {
        double v = h.getDouble(name);
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' must be finite and >= 0, got " + v);
        }
        return v;
    }

    /** The number {@code name}, which must lie in [low, high]. */
    public static double inRange(Hyperparameters h, String name, double low, double high) {
        double v = h.getDouble(name);
        if (!(v >= low && v <= high)) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' must be in [" + low + ", " + high
                    + "], got " + v);
        }
        return v;
    }
}
