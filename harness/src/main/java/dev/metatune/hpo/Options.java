package dev.metatune.hpo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The options a sampler or pruner is built with (from a suite file or the CLI), read with their
 * defaults; unknown names and values of the wrong kind are errors that name the plugin, the option
 * and the value.
 */
public final class Options {

    private final String owner;
    private final Map<String, Object> values;

    /** @param owner what the options configure, for messages (e.g. "sampler 'tpe'") */
    public Options(String owner, Map<String, ?> values, List<OptionSpec> known) {
        this(owner, values, known.stream().map(OptionSpec::name).collect(Collectors.toSet()));
    }

    /** @param owner what the options configure, for messages (e.g. "sampler 'tpe'") */
    public Options(String owner, Map<String, ?> values, Set<String> known) {
        this.owner = owner;
        this.values = values == null ? Map.of() : Map.copyOf(values);
        for (String key : this.values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown option '" + key + "' for " + owner + "; known: "
                        + (known.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(known))));
            }
        }
    }

    public double getDouble(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '" + key + "' of " + owner + " must be a number, got '" + v + "'", e);
        }
    }

    public long getLong(String key, long fallback) {
        double d = getDouble(key, fallback);
        if (d != Math.rint(d) || Math.abs(d) > Long.MAX_VALUE / 2.0) {
            throw new IllegalArgumentException("option '" + key + "' of " + owner + " must be a whole number, got '"
                    + values.get(key) + "'");
        }
        return (long) d;
    }

    public int getInt(String key, int fallback) {
        long v = getLong(key, fallback);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new IllegalArgumentException("option '" + key + "' of " + owner + " is out of range: " + v);
        }
        return (int) v;
    }

    public boolean getBoolean(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if ("true".equals(v) || "false".equals(v)) {
            return Boolean.parseBoolean((String) v);
        }
        throw new IllegalArgumentException("option '" + key + "' of " + owner + " must be true or false, got '" + v + "'");
    }

    public Object get(String key) {
        return values.get(key);
    }
}
