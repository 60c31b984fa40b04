package dev.metatune.report.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * A two-axis figure built from layers (points, lines, error bars, binned cells, text) and drawn onto
 * any {@link Canvas}: a title and a subtitle above, tick labels and axis titles on the left and
 * bottom, the legend (and a colour bar when there are cells) on the right, outside the data, so
 * nothing covers a point.
 */
public final class XYPlot {

    /** One legend line: a marker and/or a line sample in a colour. */
    public record LegendEntry(String label, Marker marker, Color color, boolean line, boolean dashed) {
    }

    /** A heat-map cell in data coordinates, coloured by value on the colour scale (grey when the value is NaN). */
    public record Cell(double x0, double x1, double y0, double y1, double value) {
    }

    private sealed interface Layer permits Points, Line, Bars, Text {
    }

    private record Points(Marker marker, Color color, double[] xs, double[] ys, double size) implements Layer {
    }

    private record Line(Color color, double[] xs, double[] ys, double width, boolean dashed, boolean step)
            implements Layer {
    }

    private record Bars(Color color, double[] xs, double[] lows, double[] highs) implements Layer {
    }

    private record Text(String text, double x, double y, double dx, Color color) implements Layer {
    }

    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;
    private static final Color INK = new Color(0x222222);
    private static final Color GRID = new Color(0xe3e3e3);
    private static final Color FRAME = new Color(0x888888);
    private static final Color EMPTY = new Color(0xe8e8e8);

    private final String title;
    private final String subtitle;
    private final String xTitle;
    private final String yTitle;
    private final List<Layer> layers = new ArrayList<>();
    private final List<LegendEntry> legend = new ArrayList<>();
    private final List<Cell> cells = new ArrayList<>();
    private Scale x;
    private Scale y;
    private List<String> categories = List.of();
    private Scale colors;
    private String colorTitle = "";
    private boolean colorsReversed;

    public XYPlot(String title, String subtitle, String xTitle, String yTitle) {
        this.title = title;
        this.subtitle = subtitle == null ? "" : subtitle;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
    }

    public XYPlot xScale(Scale scale) {
        this.x = scale;
        return this;
    }

    public XYPlot yScale(Scale scale) {
        this.y = scale;
        return this;
    }

    /** Names the x positions 0, 1, ... instead of numeric ticks (one per algorithm, say). */
    public XYPlot categories(List<String> names) {
        this.categories = List.copyOf(names);
        this.x = new Scale(-0.6, names.size() - 0.4, false, List.of());
        return this;
    }

    public XYPlot points(Marker marker, Color color, double[] xs, double[] ys, double size) {
        layers.add(new Points(marker, color, xs.clone(), ys.clone(), size));
        return this;
    }

    /** A line through the points; {@code step} draws it as a staircase (horizontal, then vertical). */
    public XYPlot line(Color color, double[] xs, double[] ys, double width, boolean dashed, boolean step) {
        layers.add(new Line(color, xs.clone(), ys.clone(), width, dashed, step));
        return this;
    }

    /** Vertical interval bars from lows[i] to highs[i] at xs[i]. */
    public XYPlot errorBars(Color color, double[] xs, double[] lows, double[] highs) {
        layers.add(new Bars(color, xs.clone(), lows.clone(), highs.clone()));
        return this;
    }

    /** A text beside a data point, {@code dx} pixels to its right. */
    public XYPlot text(String text, double atX, double atY, double dx, Color color) {
        layers.add(new Text(text, atX, atY, dx, color));
        return this;
    }

    /** Binned cells with a colour bar; {@code reversed} puts the bright end at the low values (for errors). */
    public XYPlot cells(List<Cell> binned, Scale colorScale, String colorBarTitle, boolean reversed) {
        cells.addAll(binned);
        this.colors = colorScale;
        this.colorTitle = colorBarTitle;
        this.colorsReversed = reversed;
        return this;
    }

    public XYPlot legend(LegendEntry entry) {
        legend.add(entry);
        return this;
    }

    /** Draws the figure at {@link #WIDTH} x {@link #HEIGHT}. */
    public void draw(Canvas c) {
        Scale xs = x == null ? Scale.linear(0, 1, false) : x;
        Scale ys = y == null ? Scale.linear(0, 1, false) : y;
        List<String> yLabels = ys.labels();
        double yLabelWidth = 0;
        for (String l : yLabels) {
            yLabelWidth = Math.max(yLabelWidth, c.textWidth(l, 12, false));
        }
        double legendWidth = 0;
        for (LegendEntry e : legend) {
            legendWidth = Math.max(legendWidth, c.textWidth(e.label(), 12, false) + 44);
        }
        double colorBarWidth = colors == null ? 0 : 84;
        double left = 24 + yLabelWidth + 14;
        double top = subtitle.isEmpty() ? 44 : 62;
        double right = WIDTH - 16 - legendWidth - colorBarWidth;
        double bottom = HEIGHT - 52;
        double w = right - left;
        double h = bottom - top;

        c.text(title, WIDTH / 2.0, 24, 16, Canvas.Anchor.MIDDLE, true, false, INK);
        if (!subtitle.isEmpty()) {
            c.text(subtitle, WIDTH / 2.0, 44, 12, Canvas.Anchor.MIDDLE, false, false, new Color(0x555555));
        }
        c.rect(left, top, w, h, new Color(0xfcfcfc), null);
        // grid and ticks
        List<String> xLabels = categories.isEmpty() ? xs.labels() : categories;
        List<Double> xTicks = new ArrayList<>();
        if (categories.isEmpty()) {
            xTicks.addAll(xs.ticks());
        } else {
            for (int i = 0; i < categories.size(); i++) {
                xTicks.add((double) i);
            }
        }
        for (int i = 0; i < xTicks.size(); i++) {
            double px = left + xs.unit(xTicks.get(i)) * w;
            c.line(px, top, px, bottom, GRID, 1, false);
            c.line(px, bottom, px, bottom + 5, FRAME, 1, false);
            c.text(xLabels.get(i), px, bottom + 19, 12, Canvas.Anchor.MIDDLE, false, false, INK);
        }
        for (int i = 0; i < ys.ticks().size(); i++) {
            double py = bottom - ys.unit(ys.ticks().get(i)) * h;
            c.line(left, py, right, py, GRID, 1, false);
            c.line(left - 5, py, left, py, FRAME, 1, false);
            c.text(yLabels.get(i), left - 8, py + 4, 12, Canvas.Anchor.END, false, false, INK);
        }
        c.text(xTitle, left + w / 2, HEIGHT - 12, 13, Canvas.Anchor.MIDDLE, false, false, INK);
        c.text(yTitle, 18, top + h / 2, 13, Canvas.Anchor.MIDDLE, false, true, INK);

        for (Cell cell : cells) {
            double x0 = left + xs.unit(cell.x0()) * w;
            double x1 = left + xs.unit(cell.x1()) * w;
            double y0 = bottom - ys.unit(cell.y0()) * h;
            double y1 = bottom - ys.unit(cell.y1()) * h;
            c.rect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0),
                    Double.isNaN(cell.value()) ? EMPTY : Palette.viridis(shade(cell.value())), Color.WHITE);
        }
        for (Layer layer : layers) {
            drawLayer(c, layer, xs, ys, left, bottom, w, h);
        }
        c.rect(left, top, w, h, null, FRAME);

        double lx = right + 16;
        if (colors != null) {
            drawColorBar(c, right + 22, top, h);
            lx += colorBarWidth;
        }
        double ly = top + 8;
        for (LegendEntry e : legend) {
            if (e.line()) {
                c.line(lx, ly, lx + 26, ly, e.color(), 2, e.dashed());
            }
            if (e.marker() != null) {
                c.marker(e.marker(), lx + 13, ly, 9, e.color());
            }
            c.text(e.label(), lx + 34, ly + 4, 12, Canvas.Anchor.START, false, false, INK);
            ly += 22;
        }
    }

    private void drawLayer(Canvas c, Layer layer, Scale xs, Scale ys, double left, double bottom, double w, double h) {
        if (layer instanceof Points p) {
            for (int i = 0; i < p.xs().length; i++) {
                c.marker(p.marker(), left + xs.unit(p.xs()[i]) * w, bottom - ys.unit(p.ys()[i]) * h, p.size(), p.color());
            }
        } else if (layer instanceof Line l) {
            List<Double> px = new ArrayList<>();
            List<Double> py = new ArrayList<>();
            for (int i = 0; i < l.xs().length; i++) {
                double sx = left + xs.unit(l.xs()[i]) * w;
                double sy = bottom - ys.unit(l.ys()[i]) * h;
                if (l.step() && i > 0) {
                    px.add(sx);
                    py.add(py.get(py.size() - 1));
                }
                px.add(sx);
                py.add(sy);
            }
            c.polyline(px.stream().mapToDouble(Double::doubleValue).toArray(),
                    py.stream().mapToDouble(Double::doubleValue).toArray(), l.color(), l.width(), l.dashed());
        } else if (layer instanceof Bars b) {
            for (int i = 0; i < b.xs().length; i++) {
                double px = left + xs.unit(b.xs()[i]) * w;
                double lo = bottom - ys.unit(b.lows()[i]) * h;
                double hi = bottom - ys.unit(b.highs()[i]) * h;
                c.line(px, lo, px, hi, b.color(), 1.6, false);
                c.line(px - 6, lo, px + 6, lo, b.color(), 1.6, false);
                c.line(px - 6, hi, px + 6, hi, b.color(), 1.6, false);
            }
        } else if (layer instanceof Text t) {
            c.text(t.text(), left + xs.unit(t.x()) * w + t.dx(), bottom - ys.unit(t.y()) * h + 4, 11,
                    Canvas.Anchor.START, false, false, t.color());
        }
    }

    private double shade(double value) {
        double u = Math.max(0, Math.min(1, colors.unit(value)));
        return colorsReversed ? 1 - u : u;
    }

    private void drawColorBar(Canvas c, double x, double top, double h) {
        int steps = 64;
        for (int i = 0; i < steps; i++) {
            double u0 = (double) i / steps;
            double value = colors.value(u0 + 0.5 / steps);
            c.rect(x, top + h - (i + 1) * h / steps, 14, h / steps + 1, Palette.viridis(shade(value)), null);
        }
        c.rect(x, top, 14, h, null, FRAME);
        List<String> labels = colors.labels();
        for (int i = 0; i < colors.ticks().size(); i++) {
            double py = top + h - colors.unit(colors.ticks().get(i)) * h;
            c.line(x + 14, py, x + 18, py, FRAME, 1, false);
            c.text(labels.get(i), x + 21, py + 4, 11, Canvas.Anchor.START, false, false, INK);
        }
        c.text(colorTitle, x + 70, top + h / 2, 12, Canvas.Anchor.MIDDLE, false, true, INK);
    }
}
