package dev.metatune.report;

import dev.metatune.report.chart.Marker;
import dev.metatune.report.chart.Palette;
import dev.metatune.report.chart.Scale;
import dev.metatune.report.chart.XYPlot;
import dev.metatune.report.chart.XYPlot.LegendEntry;
import dev.metatune.run.TuningStudy;
import dev.metatune.space.Distribution;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one tuning study, in the manner of Optuna's visualisation module: optimization
 * history with a step-shaped best-so-far line, one slice per numeric parameter, a binned heat map of
 * two parameters, and learning curves. Every trial is shown with its state: complete (disc), pruned
 * at its last reported value (triangle) and failed (cross, on the bottom edge, having no value).
 * Parameters searched on a log scale get log axes spanning their search range.
 */
public final class Plots {

    private Plots() {
    }

    /** How a trial is drawn: its state and the value it is drawn at (null for a failed or unfinished one). */
    record Shown(int number, String state, Map<String, Object> params, Double value) {
    }

    /** The trials as drawn: pruned ones at their last reported value. */
    static List<Shown> shown(List<TrialRow> rows, List<CurvePoint> curves) {
        Map<Integer, CurvePoint> last = new TreeMap<>();
        for (CurvePoint p : curves) {
            last.merge(p.trial(), p, (a, b) -> b.step() >= a.step() ? b : a);
        }
        List<Shown> out = new ArrayList<>();
        for (TrialRow r : rows) {
            Double v = r.value();
            if ("PRUNED".equals(r.state()) && last.containsKey(r.number())) {
                v = last.get(r.number()).value();
            }
            if ("FAIL".equals(r.state()) || !("COMPLETE".equals(r.state()) || "PRUNED".equals(r.state()))) {
                v = null;
            }
            out.add(new Shown(r.number(), r.state(), r.params(), v));
        }
        return out;
    }

    /** "maml on sinusoid 1w5s". */
    static String subject(TuningStudy study) {
        return study.algorithm() + " on " + study.dataset() + " " + study.setting();
    }

    static String objective(TuningStudy study) {
        return "validation " + study.metric().label();
    }

    static String direction(TuningStudy study) {
        return study.maximize() ? "higher is better" : "lower is better";
    }

    /** The objective value of each trial by trial number, with the best value so far as a staircase. */
    public static XYPlot history(TuningStudy study, List<TrialRow> rows, List<CurvePoint> curves) {
        List<Shown> trials = shown(rows, curves);
        XYPlot plot = new XYPlot("Optimization history: " + subject(study), counts(trials) + "; " + direction(study),
                "trial", objective(study));
        int maxNumber = trials.stream().mapToInt(Shown::number).max().orElse(1);
        plot.xScale(Scale.linearExact(-0.5, Math.max(1, maxNumber) + 0.5, true));
        Scale y = valueScale(trials);
        plot.yScale(y);
        List<Shown> complete = new ArrayList<>(trials.stream().filter(t -> "COMPLETE".equals(t.state()) && t.value() != null)
                .toList());
        complete.sort(Comparator.comparingInt(Shown::number));
        if (!complete.isEmpty()) {
            List<Double> xs = new ArrayList<>();
            List<Double> best = new ArrayList<>();
            double b = study.maximize() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            for (Shown t : complete) {
                b = study.maximize() ? Math.max(b, t.value()) : Math.min(b, t.value());
                xs.add((double) t.number());
                best.add(b);
            }
            if (maxNumber > xs.get(xs.size() - 1)) {
                xs.add((double) maxNumber);
                best.add(b);
            }
            plot.line(Palette.BEST, array(xs), array(best), 2, false, true);
            plot.legend(new LegendEntry("best so far", null, Palette.BEST, true, false));
        }
        addStates(plot, trials, y, t -> (double) t.number());
        return plot;
    }

    /** One numeric parameter against the objective, on the parameter's search scale. */
    public static XYPlot slice(TuningStudy study, String parameter, List<TrialRow> rows, List<CurvePoint> curves) {
        List<Shown> trials = new ArrayList<>(shown(rows, curves).stream()
                .filter(t -> t.params().get(parameter) instanceof Number).toList());
        XYPlot plot = new XYPlot("Slice of " + parameter + ": " + subject(study), counts(trials) + "; "
                + direction(study), parameter + scaleNote(study.search().get(parameter)), objective(study));
        List<Double> values = trials.stream().map(t -> ((Number) t.params().get(parameter)).doubleValue()).toList();
        plot.xScale(parameterScale(study.search().get(parameter), values, false));
        Scale y = valueScale(trials);
        plot.yScale(y);
        addStates(plot, trials, y, t -> ((Number) t.params().get(parameter)).doubleValue());
        return plot;
    }

    /**
     * The best objective value of the completed trials in each bin of two parameters: a parameter with
     * at most ten integer values gets one bin per value, any other eight equal bins over its search
     * range (on the log scale where it is searched on one). Empty bins are grey; dots are the trials.
     */
    public static XYPlot heatMap(TuningStudy study, String xParameter, String yParameter, List<TrialRow> rows,
                                 List<CurvePoint> curves) {
        List<Shown> trials = new ArrayList<>(shown(rows, curves).stream()
                .filter(t -> t.params().get(xParameter) instanceof Number && t.params().get(yParameter) instanceof Number)
                .toList());
        List<Shown> complete = trials.stream().filter(t -> "COMPLETE".equals(t.state()) && t.value() != null).toList();
        XYPlot plot = new XYPlot("Heat map of " + xParameter + " x " + yParameter + ": " + subject(study),
                "each cell: best " + objective(study) + " of its completed trials (" + direction(study) + "); grey: none",
                xParameter + scaleNote(study.search().get(xParameter)),
                yParameter + scaleNote(study.search().get(yParameter)));
        Bins xb = Bins.of(study.search().get(xParameter), values(trials, xParameter));
        Bins yb = Bins.of(study.search().get(yParameter), values(trials, yParameter));
        plot.xScale(xb.scale()).yScale(yb.scale());
        Double[][] best = new Double[xb.count()][yb.count()];
        for (Shown t : complete) {
            int i = xb.index(((Number) t.params().get(xParameter)).doubleValue());
            int j = yb.index(((Number) t.params().get(yParameter)).doubleValue());
            if (best[i][j] == null || (study.maximize() ? t.value() > best[i][j] : t.value() < best[i][j])) {
                best[i][j] = t.value();
            }
        }
        List<XYPlot.Cell> cells = new ArrayList<>();
        List<Double> filled = new ArrayList<>();
        for (int i = 0; i < xb.count(); i++) {
            for (int j = 0; j < yb.count(); j++) {
                if (best[i][j] != null) {
                    cells.add(new XYPlot.Cell(xb.edge(i), xb.edge(i + 1), yb.edge(j), yb.edge(j + 1), best[i][j]));
                    filled.add(best[i][j]);
                } else {
                    cells.add(new XYPlot.Cell(xb.edge(i), xb.edge(i + 1), yb.edge(j), yb.edge(j + 1), Double.NaN));
                }
            }
        }
        double lo = filled.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double hi = filled.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        Scale colors = hi > lo ? Scale.linearExact(lo, hi, false) : Scale.linear(lo, hi, false);
        plot.cells(cells, colors, "best " + objective(study), !study.maximize());
        addStates(plot, trials, yb.scale(), t -> ((Number) t.params().get(xParameter)).doubleValue(),
                t -> ((Number) t.params().get(yParameter)).doubleValue(), 7);
        return plot;
    }

    /** Validation score against meta-training step, one line per trial, each ending where the trial stopped. */
    public static XYPlot learningCurves(TuningStudy study, List<TrialRow> rows, List<CurvePoint> points) {
        Map<Integer, List<CurvePoint>> byTrial = new TreeMap<>();
        for (CurvePoint p : points) {
            byTrial.computeIfAbsent(p.trial(), k -> new ArrayList<>()).add(p);
        }
        Map<Integer, String> states = new TreeMap<>();
        rows.forEach(r -> states.put(r.number(), r.state()));
        XYPlot plot = new XYPlot("Learning curves: " + subject(study), byTrial.size() + " trial(s) with validation"
                + " scores; a triangle marks where a pruned trial was stopped; " + direction(study),
                "meta-training step", objective(study));
        int maxStep = points.stream().mapToInt(CurvePoint::step).max().orElse(1);
        plot.xScale(Scale.linear(0, Math.max(1, maxStep), true));
        plot.yScale(Scale.linear(points.stream().mapToDouble(CurvePoint::value).min().orElse(0),
                points.stream().mapToDouble(CurvePoint::value).max().orElse(1), false));
        boolean perTrial = byTrial.size() <= 8;
        int k = 0;
        for (Map.Entry<Integer, List<CurvePoint>> e : byTrial.entrySet()) {
            List<CurvePoint> curve = new ArrayList<>(e.getValue());
            curve.sort(Comparator.comparingInt(CurvePoint::step));
            String state = states.getOrDefault(e.getKey(), "COMPLETE");
            boolean pruned = "PRUNED".equals(state);
            Color color = perTrial ? Palette.series(k++) : pruned ? Palette.PRUNED : Palette.COMPLETE;
            double[] xs = curve.stream().mapToDouble(CurvePoint::step).toArray();
            double[] ys = curve.stream().mapToDouble(CurvePoint::value).toArray();
            plot.line(color, xs, ys, 1.8, false, false);
            plot.points(pruned ? Marker.TRIANGLE_DOWN : Marker.CIRCLE, color, new double[] {xs[xs.length - 1]},
                    new double[] {ys[ys.length - 1]}, pruned ? 11 : 8);
            if (perTrial) {
                plot.legend(new LegendEntry("trial " + e.getKey() + " (" + state.toLowerCase(java.util.Locale.ROOT) + ")",
                        pruned ? Marker.TRIANGLE_DOWN : Marker.CIRCLE, color, true, false));
            }
        }
        if (!perTrial) {
            plot.legend(new LegendEntry("complete", Marker.CIRCLE, Palette.COMPLETE, true, false));
            plot.legend(new LegendEntry("pruned (stopped here)", Marker.TRIANGLE_DOWN, Palette.PRUNED, true, false));
        }
        return plot;
    }

    /** The axis of a parameter: its search range on its search scale, widened to hold every value. */
    static Scale parameterScale(Distribution d, List<Double> values, boolean exact) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        boolean log;
        boolean integer = d instanceof Distribution.IntRange;
        if (d instanceof Distribution.FloatRange f) {
            log = f.log();
            min = Double.isNaN(min) ? f.low() : Math.min(min, f.low());
            max = Double.isNaN(max) ? f.high() : Math.max(max, f.high());
        } else if (d instanceof Distribution.IntRange r) {
            log = r.log();
            min = Double.isNaN(min) ? r.low() : Math.min(min, r.low());
            max = Double.isNaN(max) ? r.high() : Math.max(max, r.high());
        } else {
            log = !Double.isNaN(min) && min > 0 && max / min >= 100;
        }
        if (Double.isNaN(min)) {
            return Scale.linear(0, 1, false);
        }
        if (log && min > 0 && max > min) {
            double f = exact ? 1 : Math.pow(max / min, 0.04);
            return Scale.logExact(min / f, max * f);
        }
        return exact && max > min ? Scale.linearExact(min, max, integer) : Scale.linear(min, max, integer);
    }

    static String scaleNote(Distribution d) {
        boolean log = d instanceof Distribution.FloatRange f ? f.log() : d instanceof Distribution.IntRange r && r.log();
        return log ? " (log scale)" : "";
    }

    private static Scale valueScale(List<Shown> trials) {
        double min = trials.stream().filter(t -> t.value() != null).mapToDouble(Shown::value).min().orElse(0);
        double max = trials.stream().filter(t -> t.value() != null).mapToDouble(Shown::value).max().orElse(1);
        return Scale.linear(min, max, false);
    }

    private static String counts(List<Shown> trials) {
        long complete = trials.stream().filter(t -> "COMPLETE".equals(t.state())).count();
        long pruned = trials.stream().filter(t -> "PRUNED".equals(t.state())).count();
        long failed = trials.stream().filter(t -> "FAIL".equals(t.state())).count();
        return trials.size() + " trial(s): " + complete + " complete, " + pruned + " pruned, " + failed + " failed";
    }

    private static void addStates(XYPlot plot, List<Shown> trials, Scale y, java.util.function.ToDoubleFunction<Shown> x) {
        addStates(plot, trials, y, x, null, 9);
    }

    /** Adds the trials as complete, pruned and failed markers (failed ones on the bottom edge) with legend lines. */
    private static void addStates(XYPlot plot, List<Shown> trials, Scale y, java.util.function.ToDoubleFunction<Shown> x,
                                  java.util.function.ToDoubleFunction<Shown> yOf, double size) {
        String[][] kinds = {{"COMPLETE", "complete"}, {"PRUNED", "pruned (last reported value)"}, {"FAIL", "failed (no value)"}};
        Marker[] markers = {Marker.CIRCLE, Marker.TRIANGLE_DOWN, Marker.CROSS};
        Color[] colors = {Palette.COMPLETE, Palette.PRUNED, Palette.FAILED};
        double bottom = y.value(0.02);
        for (int k = 0; k < kinds.length; k++) {
            String state = kinds[k][0];
            List<Shown> these = trials.stream().filter(t -> state.equals(t.state())).toList();
            if (these.isEmpty()) {
                continue;
            }
            double[] xs = these.stream().mapToDouble(x).toArray();
            double[] ys = these.stream().mapToDouble(t -> yOf != null ? yOf.applyAsDouble(t)
                    : t.value() == null ? bottom : t.value()).toArray();
            plot.points(markers[k], colors[k], xs, ys, k == 1 ? size + 2 : size);
            plot.legend(new LegendEntry(kinds[k][1], markers[k], colors[k], false, false));
        }
    }

    private static List<Double> values(List<Shown> trials, String parameter) {
        return trials.stream().map(t -> ((Number) t.params().get(parameter)).doubleValue()).toList();
    }

    static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
