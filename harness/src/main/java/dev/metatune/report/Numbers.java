package dev.metatune.report;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * One canonical text form for numbers in reports, so that the same values always give the same
 * bytes: integers as integers, other values with up to 8 significant digits, no exponent below
 * 1e-6, and an empty field for a missing value.
 */
public final class Numbers {

    private Numbers() {
    }

    public static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return format(d.doubleValue());
        }
        if (value instanceof Float f) {
            return format(f.doubleValue());
        }
        return String.valueOf(value);
    }

    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(8)).stripTrailingZeros();
        return Math.abs(value) >= 1e-6 ? rounded.toPlainString() : rounded.toString();
    }

    /** A fixed number of decimals, for tables meant for people. */
    public static String fixed(double value, int decimals) {
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
    }

    /** {@code value} with {@code decimals} decimals, or {@code n/a} where it is not a number (a share the trials cannot tell). */
    public static String fixedOrNa(double value, int decimals) {
        return Double.isNaN(value) ? "n/a" : fixed(value, decimals);
    }
}
