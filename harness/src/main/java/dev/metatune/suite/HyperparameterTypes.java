package dev.metatune.suite;

import dev.metatune.space.Distribution;
import dev.metatune.learner.HyperparameterSpec;

/**
 * Checks a suite's fixed values and search distributions against the type of an algorithm's
 * hyperparameter, as its default value shows it: an integer takes integers, a float takes any
 * number, a boolean takes true/false, a string takes strings.
 */
final class HyperparameterTypes {

    enum Type { INTEGER, FLOAT, BOOLEAN, STRING, ANY }

    private HyperparameterTypes() {
    }

    static Type of(HyperparameterSpec spec) {
        Object d = spec.defaultValue();
        if (d instanceof Integer || d instanceof Long || d instanceof Short || d instanceof Byte) {
            return Type.INTEGER;
        }
        if (d instanceof Number) {
            return Type.FLOAT;
        }
        if (d instanceof Boolean) {
            return Type.BOOLEAN;
        }
        return d instanceof String ? Type.STRING : Type.ANY;
    }

    private static String takes(HyperparameterSpec spec) {
        String what = switch (of(spec)) {
            case INTEGER -> "an integer";
            case FLOAT -> "a number";
            case BOOLEAN -> "true or false";
            case STRING -> "a string";
            case ANY -> "a value";
        };
        return what + " (default " + spec.defaultValue() + ")";
    }

    static boolean accepts(HyperparameterSpec spec, Object value) {
        return switch (of(spec)) {
            case INTEGER -> value instanceof Long;
            case FLOAT -> value instanceof Long || value instanceof Double;
            case BOOLEAN -> value instanceof Boolean;
            case STRING -> value instanceof String;
            case ANY -> true;
        };
    }

    /** Fails at {@code v} when {@code value} does not fit {@code spec}. */
    static void checkValue(YamlValue v, HyperparameterSpec spec, Object value) {
        if (!accepts(spec, value)) {
            throw v.error("value '" + v.show() + "' is " + v.kind() + "; allowed: " + takes(spec) + ", the type of '"
                    + spec.name() + "'");
        }
    }

    /** Fails at {@code v} when {@code d} cannot produce values that fit {@code spec}. */
    static void checkDistribution(YamlValue v, HyperparameterSpec spec, Distribution d) {
        Type type = of(spec);
        String fit = switch (type) {
            case INTEGER -> "{int: [low, high]} or {choice: [...]} of integers";
            case FLOAT -> "{float: [low, high]}, {int: [low, high]} or {choice: [...]} of numbers";
            case BOOLEAN -> "{choice: [true, false]}";
            case STRING -> "{choice: [...]} of strings";
            case ANY -> "any distribution";
        };
        boolean ok;
        if (d instanceof Distribution.Categorical c) {
            ok = c.choices().stream().allMatch(x -> accepts(spec, x));
        } else if (d instanceof Distribution.IntRange) {
            ok = type == Type.INTEGER || type == Type.FLOAT || type == Type.ANY;
        } else {
            ok = type == Type.FLOAT || type == Type.ANY;
        }
        if (!ok) {
            throw v.error("value '" + v.show() + "' does not fit '" + spec.name() + "', which takes " + takes(spec)
                    + "; allowed: " + fit);
        }
    }
}
