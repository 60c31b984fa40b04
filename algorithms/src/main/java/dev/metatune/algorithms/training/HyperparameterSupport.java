package dev.metatune.algorithms.training;

import dev.metatune.learner.HyperparameterSpec;
import dev.metatune.learner.Hyperparameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Shared checks of hyperparameter values: defaults, unknown names and ranges, with messages naming the field. */
public final class HyperparameterSupport {

    private HyperparameterSupport() {
    }

    /** Defaults of {@code specs} with {@code given} on top; a name not in {@code specs} is an error listing the known ones. */
    public static Hyperparameters resolve(List<HyperparameterSpec> specs, Hyperparameters given, String algorithm) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (HyperparameterSpec s : specs) {
            defaults.put(s.name(), s.defaultValue());
        }
        for (String name : given.asMap().keySet()) {
            if (!defaults.containsKey(name)) {
                throw new IllegalArgumentException("unknown hyperparameter '" + name + "' for " + algorithm + "; known: "
                        + String.join(", ", new TreeSet<>(defaults.keySet())));
            }
        }
        return Hyperparameters.of(defaults).with(given);
    }

    /** The defaults of {@code specs}. */
    public static Hyperparameters defaults(List<HyperparameterSpec> specs) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (HyperparameterSpec s : specs) {
            defaults.put(s.name(), s.defaultValue());
        }
        return Hyperparameters.of(defaults);
    }

    public static int intAtLeast(Hyperparameters h, String name, int min) {
        int v = h.getInt(name);
        if (v < min) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' must be at least " + min + ", got " + v);
        }
        return v;
    }

    public static double positive(Hyperparameters h, String name) {
        double v = h.getDouble(name);
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' must be finite and > 0, got " + v);
        }
        return v;
    }

    public static double nonNegative(Hyperparameters h, String name) {
        double v = h.getDouble(name);
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' must be finite and >= 0, got " + v);
        }
        return v;
    }

    public static double inRange(Hyperparameters h, String name, double low, double high) {
        double v = h.getDouble(name);
        if (!(v >= low && v <= high)) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' must be in [" + low + ", " + high
                    + "], got " + v);
        }
        return v;
    }
}
