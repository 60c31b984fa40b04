package dev.metatune.report;

import dev.metatune.report.chart.Scale;
import dev.metatune.space.Distribution;
import java.util.List;

/**
 * The bins of one heat-map axis. A parameter with at most {@value #MAX_DISCRETE} integer values gets a
 * bin per value (edges half-way between); any other parameter gets {@value #CONTINUOUS_BINS} equal
 * bins over its search range, equal on the log scale where it is searched on one.
 *
 * @param edges the bin edges, ascending, one more than the bins
 * @param log   whether the bins are equal on the log scale
 * @param scale the axis drawn under the bins
 */
record Bins(double[] edges, boolean log, Scale scale) {

    static final int MAX_DISCRETE = 10;
    static final int CONTINUOUS_BINS = 8;

    /** The bins of a parameter with its search distribution (null when unknown) and the trials' values. */
    static Bins of(Distribution d, List<Double> values) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        if (d instanceof Distribution.IntRange r && !r.log() && (r.high() - r.low()) / r.step() + 1 <= MAX_DISCRETE) {
            long from = Math.min(r.low(), (long) Math.floor(min));
            long to = Math.max(r.high(), (long) Math.ceil(max));
            int n = (int) ((to - from) / r.step()) + 1;
            double[] edges = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                edges[i] = from + (i - 0.5) * r.step();
            }
            return new Bins(edges, false, Scale.linearExact(edges[0], edges[n], true));
        }
        Scale axis = Plots.parameterScale(d, values, true);
        double lo = axis.low();
        double hi = axis.high();
        double[] edges = new double[CONTINUOUS_BINS + 1];
        for (int i = 0; i <= CONTINUOUS_BINS; i++) {
            edges[i] = axis.value((double) i / CONTINUOUS_BINS);
        }
        edges[0] = lo;
        edges[CONTINUOUS_BINS] = hi;
        return new Bins(edges, axis.log(), axis);
    }

    int count() {
        return edges.length - 1;
    }

    double edge(int i) {
        return edges[i];
    }

    /** The bin a value falls in (values outside the range go to the nearest end bin). */
    int index(double v) {
        for (int i = 0; i < count(); i++) {
            if (v < edges[i + 1]) {
                return i;
            }
        }
        return count() - 1;
    }
}
