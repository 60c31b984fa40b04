package dev.metatune.hpo.sampler;

import dev.metatune.space.Distribution;

/**
 * Maps a distribution's internal values to and from the unit interval: linear or log scale for
 * numbers, each stepped value (and each choice) owning an equal share of [0, 1). Random, Sobol and
 * CMA-ES sampling all go through it, so they treat steps, log scales and choices alike.
 */
final class UnitScale {

    private UnitScale() {
    }

    /** The internal value at {@code u} in [0, 1]. */
    static double fromUnit(Distribution d, double u) {
        u = Math.min(1, Math.max(0, u));
        if (d instanceof Distribution.Categorical c) {
            return Math.min(c.choices().size() - 1, (int) Math.floor(u * c.choices().size()));
        }
        double[] b = bounds(d);
        double x = b[0] + u * (b[1] - b[0]);
        if (isLog(d)) {
            x = Math.exp(x);
        }
        return ((Number) d.toExternal(x)).doubleValue();
    }

    /** Where internal value {@code x} lies in [0, 1] (the middle of its share for steps and choices). */
    static double toUnit(Distribution d, double x) {
        if (d instanceof Distribution.Categorical c) {
            return (x + 0.5) / c.choices().size();
        }
        double[] b = bounds(d);
        double t = isLog(d) ? Math.log(x) : x;
        return b[1] == b[0] ? 0.5 : Math.min(1, Math.max(0, (t - b[0]) / (b[1] - b[0])));
    }

    static boolean isLog(Distribution d) {
        return d instanceof Distribution.FloatRange f && f.log() || d instanceof Distribution.IntRange i && i.log();
    }

    /** The sampling interval, in log space for log scales, widened by half a step for stepped values. */
    static double[] bounds(Distribution d) {
        if (d instanceof Distribution.FloatRange f) {
            if (f.log()) {
                return new double[] {Math.log(f.low()), Math.log(f.high())};
            }
            double top = f.step() > 0 ? f.low() + Math.floor((f.high() - f.low()) / f.step() + 1e-9) * f.step() : f.high();
            double half = f.step() / 2;
            return new double[] {f.low() - half, top + half};
        }
        Distribution.IntRange i = (Distribution.IntRange) d;
        if (i.log()) {
            return new double[] {Math.log(i.low() - 0.5), Math.log(i.high() + 0.5)};
        }
        long top = i.low() + ((i.high() - i.low()) / i.step()) * i.step();
        return new double[] {i.low() - i.step() / 2.0, top + i.step() / 2.0};
    }
}
