package dev.metatune.report;

import dev.metatune.report.chart.Canvas;
import dev.metatune.report.chart.Marker;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/** A canvas that remembers what was drawn, so tests can check a figure's content rather than its pixels. */
final class RecordingCanvas implements Canvas {

    record Mark(Marker marker, double x, double y, Color color) {
    }

    record Poly(double[] xs, double[] ys, Color color) {
    }

    record Box(double x, double y, double w, double h, Color fill) {
    }

    final List<Mark> marks = new ArrayList<>();
    final List<Poly> polylines = new ArrayList<>();
    final List<String> texts = new ArrayList<>();
    final List<Box> boxes = new ArrayList<>();

    @Override
    public void line(double x1, double y1, double x2, double y2, Color color, double width, boolean dashed) {
    }

    @Override
    public void polyline(double[] xs, double[] ys, Color color, double width, boolean dashed) {
        polylines.add(new Poly(xs, ys, color));
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fill, Color stroke) {
        boxes.add(new Box(x, y, w, h, fill));
    }

    @Override
    public void marker(Marker marker, double x, double y, double size, Color color) {
        marks.add(new Mark(marker, x, y, color));
    }

    @Override
    public void text(String text, double x, double y, double size, Anchor anchor, boolean bold, boolean vertical,
                     Color color) {
        texts.add(text);
    }

    long count(Marker m) {
        return marks.stream().filter(k -> k.marker() == m).count();
    }
}
