package dev.metatune.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed reads of one study's or trial's stored attributes, failing with a message that names where and what. */
final class Attributes {

    private final String where;
    private final Map<String, Object> values;

    Attributes(String where, Map<String, Object> values) {
        this.where = where;
        this.values = values;
    }

    boolean has(String key) {
        return values.get(key) != null;
    }

    Object raw(String key) {
        return values.get(key);
    }

    String string(String key) {
        Object v = require(key);
        if (!(v instanceof String s)) {
            throw invalid(key, v, "a string");
        }
        return s;
    }

    String string(String key, String absent) {
        return has(key) ? string(key) : absent;
    }

    Optional<Number> number(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Number n)) {
            throw invalid(key, v, "a number");
        }
        return Optional.of(n);
    }

    double real(String key, double absent) {
        return number(key).map(Number::doubleValue).orElse(absent);
    }

    List<?> list(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw invalid(key, v, "a list");
        }
        return l;
    }

    /** A map attribute with string keys, in stored order; empty when absent. */
    Map<String, Object> map(String key) {
        Object v = values.get(key);
        Map<String, Object> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw invalid(key, v, "a map");
        }
        m.forEach((k, x) -> out.put(String.valueOf(k), x));
        return out;
    }

    Object require(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException(where + " has no '" + key + "' attribute; the run's storage is incomplete"
                    + " or was not written by Metatune");
        }
        return v;
    }

    IllegalArgumentException invalid(String key, Object value, String expected) {
        return new IllegalArgumentException(where + ": attribute '" + key + "' is " + value + ", expected " + expected);
    }
}
