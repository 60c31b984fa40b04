package dev.metatune.space;

import java.util.List;

/**
 * The range a hyperparameter is drawn from, as in Optuna: a float (optionally log-scaled or
 * stepped), an integer (optionally stepped or log-scaled) or a categorical choice.
 */
public sealed interface Distribution permits Distribution.FloatRange, Distribution.IntRange, Distribution.Categorical {

    /** Whether {@code value} lies in this distribution. */
    boolean contains(Object value);

    /**
     * The internal representation samplers work with (as in Optuna): the number itself for floats
     * and integers, the index of the choice for categoricals.
     */
    double toInternal(Object value);

    /** The user-facing value for an internal one: a {@code Double}, a {@code Long} or a choice. */
    Object toExternal(double internal);

    /** Whether this distribution holds a single value (nothing to sample). */
    boolean isSingle();

    /** Floats in [low, high]; log scale requires low > 0; {@code step} (0 = continuous) excludes log. */
    record FloatRange(double low, double high, boolean log, double step) implements Distribution {
        public FloatRange {
            if (!(low <= high) || Double.isNaN(low) || Double.isInfinite(low) || Double.isInfinite(high)) {
                throw new IllegalArgumentException("float range needs finite low <= high, got [" + low + ", " + high + "]");
            }
            if (log && low <= 0) {
                throw new IllegalArgumentException("a log-scaled float range needs low > 0, got " + low);
            }
            if (step < 0 || (step > 0 && log)) {
                throw new IllegalArgumentException("step must be >= 0 and cannot be combined with log, got step " + step);
            }
        }

        public static FloatRange linear(double low, double high) {
            return new FloatRange(low, high, false, 0);
        }

        public static FloatRange logScale(double low, double high) {
            return new FloatRange(low, high, true, 0);
        }

        @Override
        public boolean contains(Object value) {
            return value instanceof Number n && n.doubleValue() >= low && n.doubleValue() <= high;
        }

        @Override
        public double toInternal(Object value) {
            if (!(value instanceof Number n)) {
                throw new IllegalArgumentException("a float parameter needs a number, got '" + value + "'");
            }
            return n.doubleValue();
        }

        @Override
        public Object toExternal(double internal) {
            if (step > 0) {
                long top = (long) Math.floor((high - low) / step + 1e-9);
                long k = Math.min(top, Math.max(0, Math.round((internal - low) / step)));
                return Math.min(high, low + k * step);
            }
            return Math.min(high, Math.max(low, internal));
        }

        @Override
        public boolean isSingle() {
            return low == high || (step > 0 && low + step > high);
        }
    }

    /** Integers in [low, high] with {@code step} (>= 1); log scale requires low >= 1 and step 1. */
    record IntRange(long low, long high, long step, boolean log) implements Distribution {
        public IntRange {
            if (low > high) {
                throw new IllegalArgumentException("int range needs low <= high, got [" + low + ", " + high + "]");
            }
            if (step < 1) {
                throw new IllegalArgumentException("int step must be >= 1, got " + step);
            }
            if (log && (low < 1 || step != 1)) {
                throw new IllegalArgumentException("a log-scaled int range needs low >= 1 and step 1, got low " + low
                        + " step " + step);
            }
        }

        public static IntRange of(long low, long high) {
            return new IntRange(low, high, 1, false);
        }

        @Override
        public boolean contains(Object value) {
            if (!(value instanceof Number n)) {
                return false;
            }
            long v = n.longValue();
            return n.doubleValue() == v && v >= low && v <= high && (v - low) % step == 0;
        }

        @Override
        public double toInternal(Object value) {
            if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new IllegalArgumentException("an int parameter needs a whole number, got '" + value + "'");
            }
            return n.doubleValue();
        }

        @Override
        public Object toExternal(double internal) {
            long v = low + Math.round((internal - low) / step) * step;
            long top = low + ((high - low) / step) * step;
            return Math.min(top, Math.max(low, v));
        }

        @Override
        public boolean isSingle() {
            return low + step > high;
        }
    }

    /** One of a fixed list of choices (strings, numbers or booleans). */
    record Categorical(List<Object> choices) implements Distribution {
        public Categorical {
            if (choices == null || choices.isEmpty()) {
                throw new IllegalArgumentException("a categorical distribution needs at least one choice");
            }
            choices = List.copyOf(choices);
        }

        /** Whether {@code value} is a choice; numbers match numerically (5 matches 5L), as JSON storage keeps them. */
        @Override
        public boolean contains(Object value) {
            return indexOf(value) >= 0;
        }

        private int indexOf(Object value) {
            int index = choices.indexOf(value);
            if (index < 0 && value instanceof Number n) {
                for (int i = 0; i < choices.size() && index < 0; i++) {
                    if (choices.get(i) instanceof Number c && c.doubleValue() == n.doubleValue()) {
                        index = i;
                    }
                }
            }
            return index;
        }

        @Override
        public double toInternal(Object value) {
            int index = indexOf(value);
            if (index < 0) {
                throw new IllegalArgumentException("'" + value + "' is not one of the choices " + choices);
            }
            return index;
        }

        @Override
        public Object toExternal(double internal) {
            int index = (int) Math.round(internal);
            if (index < 0 || index >= choices.size()) {
                throw new IllegalArgumentException("choice index " + internal + " is outside 0.." + (choices.size() - 1));
            }
            return choices.get(index);
        }

        @Override
        public boolean isSingle() {
            return choices.size() == 1;
        }
    }
}
