package dev.metatune.report;

import dev.metatune.report.chart.Marker;
import dev.metatune.report.chart.Palette;
import dev.metatune.report.chart.Scale;
import dev.metatune.report.chart.XYPlot;
import dev.metatune.report.chart.XYPlot.LegendEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures about final results: per setting, the comparison of algorithms (test score with its 95%
 * interval, the paper's number beside it, the best algorithm and those not significantly different
 * from it marked), for reinforcement learning the score against adaptation steps, and across settings
 * of a sweep, the score against shots and against ways.
 */
public final class SettingPlots {

    /** Settings are labelled {@code <ways>w<shots>s}. */
    private static final Pattern SETTING = Pattern.compile("(\\d+)w(\\d+)s");
    /** Below this p-value an algorithm counts as worse than the best. */
    static final double ALPHA = 0.05;

    private SettingPlots() {
    }

    /** A scaling figure to write: its file stem, caption and plot. */
    record Scaling(String stem, String caption, XYPlot plot) {
    }

    /** Whether a row is the best of its setting or not significantly different from it. */
    static boolean inBestGroup(ComparisonRow r) {
        return r.pValueVsBest() == null || r.pValueVsBest() >= ALPHA;
    }

    /** The comparison chart of one setting's rows (all of one data set, setting and metric). */
    public static XYPlot comparison(List<ComparisonRow> rows) {
        ComparisonRow first = rows.get(0);
        boolean percent = "accuracy".equals(first.metric());
        double k = percent ? 100 : 1;
        XYPlot plot = new XYPlot("Test " + first.metric() + ": " + first.dataset() + " " + first.setting(),
                "mean over " + first.episodes() + " episodes x " + first.seeds() + " seed(s), bars: 95% interval over"
                        + " episodes; paired Wilcoxon test against the best",
                "algorithm", "test " + first.metric() + (percent ? " (%)" : ""));
        plot.categories(rows.stream().map(ComparisonRow::algorithm).toList());
        List<Double> extent = new ArrayList<>();
        for (ComparisonRow r : rows) {
            extent.add(k * (r.mean() - r.ci95()));
            extent.add(k * (r.mean() + r.ci95()));
            if (r.paper() != null) {
                extent.add(k * r.paper());
            }
        }
        double lo = extent.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double hi = extent.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        plot.yScale(valueScale(lo, hi, percent));
        boolean anyBest = false;
        boolean anyWorse = false;
        boolean anyPaper = false;
        for (int i = 0; i < rows.size(); i++) {
            ComparisonRow r = rows.get(i);
            boolean best = inBestGroup(r);
            anyBest |= best;
            anyWorse |= !best;
            java.awt.Color color = best ? Palette.BEST : Palette.COMPLETE;
            plot.errorBars(color, new double[] {i}, new double[] {k * (r.mean() - r.ci95())},
                    new double[] {k * (r.mean() + r.ci95())});
            plot.points(best ? Marker.SQUARE : Marker.CIRCLE, color, new double[] {i}, new double[] {k * r.mean()}, 11);
            String label = Numbers.fixed(k * r.mean(), percent ? 2 : 4) + " ± " + Numbers.fixed(k * r.ci95(), percent ? 2 : 4)
                    + (r.pValueVsBest() == null ? " (best)" : " (p " + (r.pValueVsBest() < 1e-4 ? "<1e-4"
                    : "= " + Numbers.fixed(r.pValueVsBest(), 3)) + ")");
            plot.text(label, i, k * r.mean(), 10, Palette.INK);
            if (r.paper() != null) {
                anyPaper = true;
                plot.points(Marker.OPEN_DIAMOND, Palette.INK, new double[] {i - 0.18}, new double[] {k * r.paper()}, 12);
            }
        }
        if (anyBest) {
            plot.legend(new LegendEntry("best, or not different (p ≥ " + ALPHA + ")", Marker.SQUARE, Palette.BEST, false,
                    false));
        }
        if (anyWorse) {
            plot.legend(new LegendEntry("worse than best (p < " + ALPHA + ")", Marker.CIRCLE, Palette.COMPLETE, false, false));
        }
        if (anyPaper) {
            plot.legend(new LegendEntry("paper's number", Marker.OPEN_DIAMOND, Palette.INK, false, false));
        }
        return plot;
    }

    /**
     * The score against shots for each (data set, ways) and against ways for each (data set, shots)
     * that a run sweeps over at least two values, one line per algorithm with its intervals.
     */
    static List<Scaling> scaling(List<ComparisonRow> rows) {
        List<Scaling> out = new ArrayList<>();
        Map<String, List<ComparisonRow>> byWays = new LinkedHashMap<>();
        Map<String, List<ComparisonRow>> byShots = new LinkedHashMap<>();
        for (ComparisonRow r : rows) {
            Optional<int[]> ws = waysShots(r.setting());
            if (ws.isEmpty()) {
                continue;
            }
            byWays.computeIfAbsent(r.dataset() + "\n" + ws.get()[0] + "\n" + r.metric(), k -> new ArrayList<>()).add(r);
            byShots.computeIfAbsent(r.dataset() + "\n" + ws.get()[1] + "\n" + r.metric(), k -> new ArrayList<>()).add(r);
        }
        for (List<ComparisonRow> group : byWays.values()) {
            int ways = waysShots(group.get(0).setting()).orElseThrow()[0];
            along(group, 1, "shots per class", group.get(0).dataset() + ", " + ways + "-way")
                    .ifPresent(p -> out.add(new Scaling(Figure.safe(group.get(0).dataset() + "-" + ways + "w-by-shots"),
                            "Test " + group.get(0).metric() + " against shots, " + group.get(0).dataset() + " "
                                    + ways + "-way", p)));
        }
        for (List<ComparisonRow> group : byShots.values()) {
            int shots = waysShots(group.get(0).setting()).orElseThrow()[1];
            along(group, 0, "ways (classes per episode)", group.get(0).dataset() + ", " + shots + "-shot")
                    .ifPresent(p -> out.add(new Scaling(Figure.safe(group.get(0).dataset() + "-" + shots + "s-by-ways"),
                            "Test " + group.get(0).metric() + " against ways, " + group.get(0).dataset() + " "
                                    + shots + "-shot", p)));
        }
        return out;
    }

    /** Adaptation points grouped by (data set, setting), in the order they come. */
    static Map<String, List<AdaptationPoint>> bySetting(List<AdaptationPoint> points) {
        Map<String, List<AdaptationPoint>> out = new LinkedHashMap<>();
        points.forEach(p -> out.computeIfAbsent(p.dataset() + " " + p.setting(), k -> new ArrayList<>()).add(p));
        return out;
    }

    /**
     * The test score against adaptation steps of one setting's algorithms (the figure of Finn et al.
     * 2017 for reinforcement learning), one line per algorithm with its 95% intervals.
     */
    static XYPlot adaptation(List<AdaptationPoint> points) {
        AdaptationPoint first = points.get(0);
        XYPlot plot = new XYPlot("Test " + first.metric() + " against adaptation steps: " + first.dataset() + " "
                + first.setting(), "mean with 95% interval over " + first.episodes() + " fixed test tasks x " + first.seeds()
                + " seed(s); one line per algorithm", "adaptation steps", "test " + first.metric());
        TreeSet<Integer> steps = new TreeSet<>();
        points.forEach(p -> steps.add(p.step()));
        plot.xScale(Scale.atValues(steps.stream().map(Integer::doubleValue).toList(), false));
        Map<String, List<AdaptationPoint>> byAlgorithm = new LinkedHashMap<>();
        points.forEach(p -> byAlgorithm.computeIfAbsent(p.algorithm(), a -> new ArrayList<>()).add(p));
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int c = 0;
        for (Map.Entry<String, List<AdaptationPoint>> e : byAlgorithm.entrySet()) {
            java.awt.Color color = Palette.series(c++);
            List<AdaptationPoint> line = new ArrayList<>(e.getValue());
            line.sort(java.util.Comparator.comparingInt(AdaptationPoint::step));
            double[] x = line.stream().mapToDouble(AdaptationPoint::step).toArray();
            double[] y = line.stream().mapToDouble(AdaptationPoint::mean).toArray();
            double[] low = line.stream().mapToDouble(p -> p.mean() - p.ci95()).toArray();
            double[] high = line.stream().mapToDouble(p -> p.mean() + p.ci95()).toArray();
            plot.line(color, x, y, 2, false, false).errorBars(color, x, low, high).points(Marker.CIRCLE, color, x, y, 9);
            plot.legend(new LegendEntry(e.getKey(), Marker.CIRCLE, color, true, false));
            for (int i = 0; i < x.length; i++) {
                lo = Math.min(lo, low[i]);
                hi = Math.max(hi, high[i]);
            }
        }
        plot.yScale(valueScale(lo, hi, false));
        return plot;
    }

    /** A value axis; a percentage axis stops at 100. */
    private static Scale valueScale(double lo, double hi, boolean percent) {
        Scale s = Scale.linear(percent ? Math.max(0, lo) : lo, percent ? Math.min(100, hi) : hi, false);
        if (percent && s.high() > 100 && s.low() < 100) {
            s = new Scale(s.low(), 100, false, s.ticks().stream().filter(t -> t <= 100).toList());
        }
        return s;
    }

    /** The ways and shots of a setting label, if it has that form. */
    static Optional<int[]> waysShots(String setting) {
        Matcher m = SETTING.matcher(setting);
        return m.matches() ? Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))})
                : Optional.empty();
    }

    private static Optional<XYPlot> along(List<ComparisonRow> group, int axis, String xTitle, String what) {
        TreeSet<Integer> values = new TreeSet<>();
        group.forEach(r -> values.add(waysShots(r.setting()).orElseThrow()[axis]));
        if (values.size() < 2) {
            return Optional.empty();
        }
        ComparisonRow first = group.get(0);
        boolean percent = "accuracy".equals(first.metric());
        double k = percent ? 100 : 1;
        XYPlot plot = new XYPlot("Test " + first.metric() + " against " + (axis == 1 ? "shots" : "ways") + ": " + what,
                "mean with 95% interval over test episodes; one line per algorithm", xTitle,
                "test " + first.metric() + (percent ? " (%)" : ""));
        List<Double> xs = values.stream().map(Integer::doubleValue).toList();
        plot.xScale(Scale.atValues(xs, xs.get(xs.size() - 1) / xs.get(0) >= 10));
        Map<String, List<ComparisonRow>> byAlgorithm = new LinkedHashMap<>();
        group.forEach(r -> byAlgorithm.computeIfAbsent(r.algorithm(), a -> new ArrayList<>()).add(r));
        List<Double> extent = new ArrayList<>();
        boolean anyPaper = false;
        int c = 0;
        for (Map.Entry<String, List<ComparisonRow>> e : byAlgorithm.entrySet()) {
            java.awt.Color color = Palette.series(c++);
            List<ComparisonRow> line = new ArrayList<>(e.getValue());
            line.sort(java.util.Comparator.comparingInt(r -> waysShots(r.setting()).orElseThrow()[axis]));
            double[] x = line.stream().mapToDouble(r -> waysShots(r.setting()).orElseThrow()[axis]).toArray();
            double[] y = line.stream().mapToDouble(r -> k * r.mean()).toArray();
            double[] lo = line.stream().mapToDouble(r -> k * (r.mean() - r.ci95())).toArray();
            double[] hi = line.stream().mapToDouble(r -> k * (r.mean() + r.ci95())).toArray();
            plot.line(color, x, y, 2, false, false).errorBars(color, x, lo, hi).points(Marker.CIRCLE, color, x, y, 9);
            plot.legend(new LegendEntry(e.getKey(), Marker.CIRCLE, color, true, false));
            for (double v : lo) {
                extent.add(v);
            }
            for (double v : hi) {
                extent.add(v);
            }
            for (ComparisonRow r : line) {
                if (r.paper() != null) {
                    anyPaper = true;
                    extent.add(k * r.paper());
                    plot.points(Marker.OPEN_DIAMOND, color, new double[] {waysShots(r.setting()).orElseThrow()[axis]},
                            new double[] {k * r.paper()}, 12);
                }
            }
        }
        if (anyPaper) {
            plot.legend(new LegendEntry("paper's number", Marker.OPEN_DIAMOND, Palette.INK, false, false));
        }
        double lo = extent.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double hi = extent.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        plot.yScale(valueScale(lo, hi, percent));
        return Optional.of(plot);
    }
}
