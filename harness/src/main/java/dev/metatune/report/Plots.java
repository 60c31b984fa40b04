package dev.metatune.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The run's PNG plots, drawn headless with XChart: optimization history, parameter-vs-score slices,
 * the inner-lr x inner-steps heat map and learning curves. Each method draws one study's trials.
 */
public final class Plots {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private Plots() {
    }

    /** Objective value of each finished trial by trial number, with the best so far as a line. */
    public static void optimizationHistory(Path file, String title, List<TrialRow> trials, boolean maximize)
            throws IOException {
        List<TrialRow> done = complete(trials);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("trial")
                .yAxisTitle("validation score").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        if (!done.isEmpty()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> best = new ArrayList<>();
            double b = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            for (TrialRow t : done) {
                x.add((double) t.number());
                y.add(t.value());
                b = maximize ? Math.max(b, t.value()) : Math.min(b, t.value());
                best.add(b);
            }
            XYSeries trialsSeries = chart.addSeries("trial", x, y);
            trialsSeries.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            XYSeries bestSeries = chart.addSeries("best so far", x, best);
            bestSeries.setMarker(SeriesMarkers.NONE);
        }
        save(file, chart);
    }

    /** One panel per numeric parameter: its value against the objective, log-scaled where all values are positive and span a decade. */
    public static void parameterSlice(Path file, String title, String parameter, List<TrialRow> trials) throws IOException {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (TrialRow t : complete(trials)) {
            if (t.params().get(parameter) instanceof Number n) {
                x.add(n.doubleValue());
                y.add(t.value());
            }
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title + ": " + parameter)
                .xAxisTitle(parameter).yAxisTitle("validation score").build();
        chart.getStyler().setLegendVisible(false);
        if (!x.isEmpty()) {
            double min = x.stream().mapToDouble(Double::doubleValue).min().orElse(1);
            double max = x.stream().mapToDouble(Double::doubleValue).max().orElse(1);
            chart.getStyler().setXAxisLogarithmic(min > 0 && max / min >= 10);
            XYSeries s = chart.addSeries(parameter, x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        save(file, chart);
    }

    /**
     * The best objective value for each (x, y) cell, x and y being two parameters (e.g. inner_lr
     * rounded to 2 significant digits and inner_steps).
     */
    public static void heatMap(Path file, String title, String xParameter, String yParameter, List<TrialRow> trials)
            throws IOException {
        Map<String, Map<String, Double>> cells = new TreeMap<>();
        TreeSet<Double> xs = new TreeSet<>();
        TreeSet<Double> ys = new TreeSet<>();
        for (TrialRow t : complete(trials)) {
            if (t.params().get(xParameter) instanceof Number xv && t.params().get(yParameter) instanceof Number yv) {
                double x = roundSignificant(xv.doubleValue());
                double y = roundSignificant(yv.doubleValue());
                xs.add(x);
                ys.add(y);
                cells.computeIfAbsent(Double.toString(x), k -> new TreeMap<>()).merge(Double.toString(y), t.value(), Math::max);
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xParameter)
                .yAxisTitle(yParameter).build();
        if (!xs.isEmpty()) {
            List<Double> xList = new ArrayList<>(xs);
            List<Double> yList = new ArrayList<>(ys);
            List<Number[]> heat = new ArrayList<>();
            for (int i = 0; i < xList.size(); i++) {
                for (int j = 0; j < yList.size(); j++) {
                    Double v = cells.getOrDefault(Double.toString(xList.get(i)), Map.of()).get(Double.toString(yList.get(j)));
                    if (v != null) {
                        heat.add(new Number[] {i, j, v});
                    }
                }
            }
            chart.addSeries("best score", xList, yList, heat);
        }
        save(file, chart);
    }

    /** Validation score against meta-training step, one line per trial. */
    public static void learningCurves(Path file, String title, List<CurvePoint> points) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("meta-training step")
                .yAxisTitle("validation score").build();
        Map<Integer, List<CurvePoint>> byTrial = new TreeMap<>();
        for (CurvePoint p : points) {
            byTrial.computeIfAbsent(p.trial(), k -> new ArrayList<>()).add(p);
        }
        chart.getStyler().setLegendVisible(byTrial.size() <= 12);
        for (Map.Entry<Integer, List<CurvePoint>> e : byTrial.entrySet()) {
            List<CurvePoint> curve = new ArrayList<>(e.getValue());
            curve.sort(Comparator.comparingInt(CurvePoint::step));
            XYSeries s = chart.addSeries("trial " + e.getKey(), curve.stream().map(p -> (double) p.step()).toList(),
                    curve.stream().map(CurvePoint::value).toList());
            s.setMarker(SeriesMarkers.NONE);
        }
        save(file, chart);
    }

    private static List<TrialRow> complete(List<TrialRow> trials) {
        return trials.stream().filter(t -> "COMPLETE".equals(t.state()) && t.value() != null && Double.isFinite(t.value()))
                .sorted(Comparator.comparingInt(TrialRow::number)).toList();
    }

    private static double roundSignificant(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(2)).doubleValue();
    }

    private static void save(Path file, Chart<?, ?> chart) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, out -> out.write(png));
    }
}
