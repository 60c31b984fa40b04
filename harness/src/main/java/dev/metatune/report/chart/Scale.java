package dev.metatune.report.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One axis' mapping from data to [0, 1] and its ticks: linear or logarithmic, with "nice" tick values
 * (1, 2 or 5 times a power of ten; decades on log axes, or 1-2-5 within a decade or two) and labels
 * written to the precision of the tick step, never more, so a reader sees {@code 0.66} and
 * {@code 0.68}, not {@code 0.660666666666667}.
 *
 * @param low   the axis' lower end (data units)
 * @param high  the axis' upper end, greater than {@code low}
 * @param log   whether the axis is logarithmic (then {@code low > 0})
 * @param ticks the tick values, inside [low, high], ascending
 */
public record Scale(double low, double high, boolean log, List<Double> ticks) {

    /** Aim for about this many intervals between ticks. */
    private static final int TARGET_INTERVALS = 5;

    public Scale {
        if (!(high > low) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("scale needs finite low < high, got low " + low + ", high " + high);
        }
        if (log && !(low > 0)) {
            throw new IllegalArgumentException("a log scale needs low > 0, got " + low);
        }
        ticks = List.copyOf(ticks);
    }

    /**
     * A linear axis that holds [min, max] with a small margin, ends on tick values, and has about
     * five intervals; {@code integer} keeps ticks on whole numbers (trial numbers, steps, shots).
     */
    public static Scale linear(double min, double max, boolean integer) {
        double[] span = span(min, max);
        double lo = span[0];
        double hi = span[1];
        double pad = (hi - lo) * 0.04;
        lo = min >= 0 && lo - pad < 0 ? 0 : lo - pad;
        hi += pad;
        double step = niceStep((hi - lo) / TARGET_INTERVALS, integer);
        double from = Math.floor(lo / step + 1e-9) * step;
        double to = Math.ceil(hi / step - 1e-9) * step;
        return new Scale(from, to, false, steps(from, to, step));
    }

    /** A linear axis over exactly [low, high] with nice ticks inside it. */
    public static Scale linearExact(double low, double high, boolean integer) {
        double step = niceStep((high - low) / TARGET_INTERVALS, integer);
        double from = Math.ceil(low / step - 1e-9) * step;
        double to = Math.floor(high / step + 1e-9) * step;
        return new Scale(low, high, false, steps(from, to, step));
    }

    /** A log axis from the decade at or below {@code min} to the decade at or above {@code max}. */
    public static Scale log(double min, double max) {
        if (!(min > 0) || !(max > 0)) {
            throw new IllegalArgumentException("a log axis needs positive values, got " + min + " .. " + max);
        }
        int lo = (int) Math.floor(Math.log10(min) + 1e-9);
        int hi = (int) Math.ceil(Math.log10(max) - 1e-9);
        if (hi <= lo) {
            hi = lo + 1;
        }
        return logExact(Math.pow(10, lo), Math.pow(10, hi));
    }

    /** A log axis over exactly [low, high]: decades as ticks, or 1-2-5 steps when it spans two decades or less. */
    public static Scale logExact(double low, double high) {
        int lo = (int) Math.floor(Math.log10(low) + 1e-9);
        int hi = (int) Math.ceil(Math.log10(high) - 1e-9);
        int decades = hi - lo;
        int every = decades > 8 ? 2 : 1;
        double[] mantissas = decades <= 2 ? new double[] {1, 2, 5} : new double[] {1};
        List<Double> ticks = new ArrayList<>();
        for (int e = lo; e <= hi; e += every) {
            for (double m : mantissas) {
                double v = new BigDecimal(m).scaleByPowerOfTen(e).doubleValue();
                if (v >= low * (1 - 1e-9) && v <= high * (1 + 1e-9)) {
                    ticks.add(v);
                }
            }
        }
        return new Scale(low, high, true, ticks);
    }

    /** A linear axis over [min, max] (with a margin) whose ticks are exactly the given values. */
    public static Scale atValues(List<Double> values, boolean log) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        if (log) {
            double f = max > min ? Math.pow(max / min, 0.06) : 2;
            return new Scale(min / f, max * f, true, values);
        }
        double pad = max > min ? (max - min) * 0.08 : 1;
        return new Scale(min - pad, max + pad, false, values);
    }

    /** Where a value lies on the axis, 0 at {@code low} and 1 at {@code high}. */
    public double unit(double v) {
        return log ? (Math.log(v) - Math.log(low)) / (Math.log(high) - Math.log(low)) : (v - low) / (high - low);
    }

    /** The value at a position on the axis, the inverse of {@link #unit}. */
    public double value(double unit) {
        return log ? Math.exp(Math.log(low) + unit * (Math.log(high) - Math.log(low))) : low + unit * (high - low);
    }

    /** The tick labels, all with the decimals the finest tick needs. */
    public List<String> labels() {
        int decimals = 0;
        for (double t : ticks) {
            decimals = Math.max(decimals, decimalsOf(t));
        }
        List<String> out = new ArrayList<>();
        for (double t : ticks) {
            out.add(log ? format(t, decimalsOf(t)) : format(t, decimals));
        }
        return out;
    }

    /** The label of a value written with a given number of decimals (exponent form past 1e6 or below 1e-4 on log axes). */
    static String format(double v, int decimals) {
        if (v != 0 && (Math.abs(v) >= 1e6 || decimals > 5)) {
            BigDecimal b = new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros();
            String s = String.format(Locale.ROOT, "%." + Math.max(0, b.precision() - 1) + "e", v);
            return s.replace("e+0", "e").replace("e-0", "e-").replace("e+", "e").replace(".0e", "e");
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.startsWith("-") && s.matches("-0\\.?0*") ? s.substring(1) : s;
    }

    /** The decimals a tick value needs to be written exactly (up to 10). */
    static int decimalsOf(double v) {
        BigDecimal b = new BigDecimal(v).round(new MathContext(10)).stripTrailingZeros();
        return Math.max(0, Math.min(10, b.scale()));
    }

    private static double[] span(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            return new double[] {0, 1};
        }
        if (max > min) {
            return new double[] {min, max};
        }
        double d = min == 0 ? 1 : Math.abs(min) * 0.05;
        return new double[] {min - d, max + d};
    }

    private static double niceStep(double raw, boolean integer) {
        double exponent = Math.floor(Math.log10(raw));
        double f = raw / Math.pow(10, exponent);
        double nice = f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10;
        double step = new BigDecimal(nice).scaleByPowerOfTen((int) exponent).doubleValue();
        return integer ? Math.max(1, Math.round(step)) : step;
    }

    private static List<Double> steps(double from, double to, double step) {
        List<Double> ticks = new ArrayList<>();
        BigDecimal s = new BigDecimal(step, MathContext.DECIMAL64).round(new MathContext(6));
        BigDecimal v = new BigDecimal(from / step, MathContext.DECIMAL64).setScale(0, java.math.RoundingMode.HALF_UP)
                .multiply(s);
        while (v.doubleValue() <= to + step * 1e-6) {
            ticks.add(v.doubleValue());
            v = v.add(s);
        }
        return ticks;
    }
}
