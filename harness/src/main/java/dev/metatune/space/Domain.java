package dev.metatune.space;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The values a hyperparameter may take at all, declared by the algorithm that owns it: its type and
 * its bounds. A suite's fixed values, enqueued values and search ranges are checked against it before
 * anything runs, so that a value the algorithm would refuse is a located error at load, never a failed
 * trial. A {@link Distribution} is what a sweep searches; a domain is what is allowed.
 */
public sealed interface Domain permits Domain.Real, Domain.Integer, Domain.Bool, Domain.Choice {

    /** Whether {@code value} is allowed (numbers are compared numerically: 5 and 5L and 5.0 alike where the type allows). */
    boolean contains(Object value);

    /** What the domain allows, for messages, such as {@code "a number > 0"} or {@code "one of [strided, pooled]"}. */
    String describe();

    /**
     * Empty when every value {@code range} can produce is allowed; otherwise why not, naming the part of
     * the range that lies outside (a float range over an integer domain, bounds past the domain's, a
     * choice of the wrong type).
     */
    Optional<String> checkRange(Distribution range);

    /** Floats between {@code low} and {@code high}; either end open or closed; infinite ends allowed. */
    record Real(double low, double high, boolean lowInclusive, boolean highInclusive) implements Domain {
        public Real {
            if (Double.isNaN(low) || Double.isNaN(high) || low > high) {
                throw new IllegalArgumentException("a real domain needs low <= high, got [" + low + ", " + high + "]");
            }
        }

        /** Any finite number. */
        public static Real any() {
            return new Real(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false, false);
        }

        /** Numbers above 0. */
        public static Real positive() {
            return new Real(0, Double.POSITIVE_INFINITY, false, false);
        }

        /** Numbers 0 and above. */
        public static Real nonNegative() {
            return new Real(0, Double.POSITIVE_INFINITY, true, false);
        }

        /** Numbers in the closed interval [low, high]. */
        public static Real closed(double low, double high) {
            return new Real(low, high, true, true);
        }

        @Override
        public boolean contains(Object value) {
            return value instanceof Number n && inside(n.doubleValue());
        }

        private boolean inside(double v) {
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                return false;
            }
            boolean aboveLow = lowInclusive ? v >= low : v > low;
            boolean belowHigh = highInclusive ? v <= high : v < high;
            return aboveLow && belowHigh;
        }

        @Override
        public String describe() {
            boolean noLow = Double.isInfinite(low);
            boolean noHigh = Double.isInfinite(high);
            if (noLow && noHigh) {
                return "a finite number";
            }
            if (noHigh) {
                return "a number " + (lowInclusive ? ">= " : "> ") + show(low);
            }
            if (noLow) {
                return "a number " + (highInclusive ? "<= " : "< ") + show(high);
            }
            return "a number in " + (lowInclusive ? "[" : "(") + show(low) + ", " + show(high) + (highInclusive ? "]" : ")");
        }

        @Override
        public Optional<String> checkRange(Distribution range) {
            if (range instanceof Distribution.FloatRange f) {
                return bounds(f.low(), f.high());
            }
            if (range instanceof Distribution.IntRange i) {
                return bounds(i.low(), i.high());
            }
            return Choices.check(this, (Distribution.Categorical) range);
        }

        private Optional<String> bounds(double from, double to) {
            if (!inside(from)) {
                return Optional.of("its low end " + show(from) + " is outside the allowed domain, " + describe());
            }
            if (!inside(to)) {
                return Optional.of("its high end " + show(to) + " is outside the allowed domain, " + describe());
            }
            return Optional.empty();
        }
    }

    /** Whole numbers in [low, high] ({@link Long#MAX_VALUE} or {@link java.lang.Integer#MAX_VALUE} as high: no upper bound). */
    record Integer(long low, long high) implements Domain {
        public Integer {
            if (low > high) {
                throw new IllegalArgumentException("an integer domain needs low <= high, got [" + low + ", " + high + "]");
            }
        }

        /** Whole numbers {@code low} and above. */
        public static Integer atLeast(long low) {
            return new Integer(low, Long.MAX_VALUE);
        }

        /** Whole numbers in [low, high]. */
        public static Integer between(long low, long high) {
            return new Integer(low, high);
        }

        @Override
        public boolean contains(Object value) {
            if (!(value instanceof java.lang.Integer || value instanceof Long || value instanceof Short
                    || value instanceof Byte)) {
                return false;
            }
            long v = ((Number) value).longValue();
            return v >= low && v <= high;
        }

        @Override
        public String describe() {
            if (high == Long.MAX_VALUE || high == java.lang.Integer.MAX_VALUE) {
                return "an integer >= " + low;
            }
            return "an integer in [" + low + ", " + high + "]";
        }

        @Override
        public Optional<String> checkRange(Distribution range) {
            if (range instanceof Distribution.FloatRange) {
                return Optional.of("a float range cannot be searched for an integer; allowed: " + describe()
                        + ", searched as {int: [low, high]} or {choice: [...]}");
            }
            if (range instanceof Distribution.IntRange i) {
                return i.low() < low || i.high() > high
                        ? Optional.of("the range [" + i.low() + ", " + i.high() + "] is wider than the allowed domain, "
                                + describe())
                        : Optional.empty();
            }
            return Choices.check(this, (Distribution.Categorical) range);
        }
    }

    /** {@code true} or {@code false}. */
    record Bool() implements Domain {
        @Override
        public boolean contains(Object value) {
            return value instanceof Boolean;
        }

        @Override
        public String describe() {
            return "true or false";
        }

        @Override
        public Optional<String> checkRange(Distribution range) {
            if (range instanceof Distribution.Categorical c) {
                return Choices.check(this, c);
            }
            return Optional.of("a numeric range cannot be searched for true/false; allowed: {choice: [true, false]}");
        }
    }

    /** One of a fixed list of values (strings, as a rule). */
    record Choice(List<Object> choices) implements Domain {
        public Choice {
            if (choices == null || choices.isEmpty()) {
                throw new IllegalArgumentException("a choice domain needs at least one choice");
            }
            choices = List.copyOf(choices);
        }

        /** A choice among {@code values}. */
        public static Choice of(Object... values) {
            return new Choice(List.of(values));
        }

        @Override
        public boolean contains(Object value) {
            return new Distribution.Categorical(choices).contains(value);
        }

        @Override
        public String describe() {
            return "one of " + choices;
        }

        @Override
        public Optional<String> checkRange(Distribution range) {
            if (range instanceof Distribution.Categorical c) {
                return Choices.check(this, c);
            }
            return Optional.of("a numeric range cannot be searched for a choice; allowed: {choice: [...]} of " + choices);
        }
    }

    /** Shared check of a categorical range against a domain. */
    final class Choices {
        private Choices() {
        }

        static Optional<String> check(Domain domain, Distribution.Categorical c) {
            for (Object choice : c.choices()) {
                if (!domain.contains(choice)) {
                    return Optional.of("the choice '" + choice + "' is outside the allowed domain, " + domain.describe());
                }
            }
            return Optional.empty();
        }
    }

    private static String show(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}
