package dev.metatune.learner;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable set of named hyperparameter values (numbers, strings, booleans), with typed getters
 * whose errors name the field and the value.
 */
public final class Hyperparameters {

    private final Map<String, Object> values;

    private Hyperparameters(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static Hyperparameters of(Map<String, ?> values) {
        for (Map.Entry<String, ?> e : values.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("hyperparameter '" + e.getKey() + "' has no value");
            }
        }
        return new Hyperparameters(Map.copyOf(values));
    }

    public static Hyperparameters empty() {
        return new Hyperparameters(Map.of());
    }

    /** These values with {@code overrides} on top. */
    public Hyperparameters with(Map<String, ?> overrides) {
        Map<String, Object> merged = new TreeMap<>(values);
        merged.putAll(overrides);
        return of(merged);
    }

    /** These values with {@code other}'s on top. */
    public Hyperparameters with(Hyperparameters other) {
        return with(other.values);
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public double getDouble(String name) {
        Object v = require(name);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("hyperparameter '" + name + "' must be a number, got '" + v + "'");
    }

    public int getInt(String name) {
        double d = getDouble(name);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' must be an integer, got '" + values.get(name) + "'");
        }
        return (int) d;
    }

    public boolean getBoolean(String name) {
        Object v = require(name);
        if (v instanceof Boolean b) {
            return b;
        }
        if ("true".equals(v) || "false".equals(v)) {
            return Boolean.parseBoolean((String) v);
        }
        throw new IllegalArgumentException("hyperparameter '" + name + "' must be true or false, got '" + v + "'");
    }

    public String getString(String name) {
        return String.valueOf(require(name));
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' is not set; set: " + values.keySet());
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hyperparameters h && values.equals(h.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
